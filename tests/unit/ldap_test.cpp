// The directory sync's small pieces that slapd never exercises in the integration tests:
// filter escaping (RFC 4515) and DN comparison, and the [ldap] settings.
#include <gtest/gtest.h>

#include "core/config.h"
#include "modules/ldap/client.h"
#include "modules/ldap/sync.h"

namespace agora::ldap {
namespace {

TEST(LdapFilter, EscapesWhatWouldChangeTheFilter) {
  EXPECT_EQ(EscapeFilterValue("ana@example.com"), "ana@example.com");
  // An address crafted to widen a search must stay one value.
  EXPECT_EQ(EscapeFilterValue("*)(uid=*"), "\\2a\\29\\28uid=\\2a");
  EXPECT_EQ(EscapeFilterValue(std::string("a\\b\0c", 5)), "a\\5cb\\00c");
  EXPECT_EQ(EscapeFilterValue("Ødegård"), "Ødegård");  // UTF-8 passes as it is
}

TEST(LdapDn, TwoSpellingsOfOneDnCompareEqual) {
  EXPECT_EQ(NormalDn("uid=Ivan, OU=People,dc=Example, dc=com"), NormalDn("uid=ivan,ou=people,dc=example,dc=com"));
  EXPECT_EQ(NormalDn("cn = Björn Åkesson , ou=people"), "cn=björn åkesson,ou=people");
  EXPECT_NE(NormalDn("uid=ivan,ou=people"), NormalDn("uid=ivan2,ou=people"));
}

TEST(LdapConfig, SettingsAndTheirChecks) {
  Config c;
  ASSERT_TRUE(ApplyConfigText(c, R"(
[ldap]
url = "ldaps://dc.example.com"
base_dn = "ou=people,dc=example,dc=com"
bind_dn = "cn=agora,dc=example,dc=com"
attr_id = "objectGUID"
attr_photo = "thumbnailPhoto"
missing = "deactivate"
sync_minutes = 60
sign_in = true
)", "ldap.toml"));
  EXPECT_EQ(c.ldap.attr_id, "objectGUID");
  EXPECT_EQ(c.ldap.sync_minutes, 60);
  EXPECT_TRUE(c.ldap.sign_in);
  EXPECT_TRUE(LdapSync::Validate(c.ldap));
  Config bad;
  EXPECT_FALSE(ApplyConfigText(bad, "[ldap]\nurl = \"http://dc\"\n", "u.toml"));
  EXPECT_FALSE(ApplyConfigText(bad, "[ldap]\nmissing = \"delete\"\n", "m.toml"));
  Config no_base;
  ASSERT_TRUE(ApplyConfigText(no_base, "[ldap]\nurl = \"ldap://127.0.0.1\"\n", "b.toml"));
  auto st = LdapSync::Validate(no_base.ldap);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().field, "ldap.base_dn");
}

}  // namespace
}  // namespace agora::ldap
