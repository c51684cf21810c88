// SCIM's filter language and PATCH application on resource JSON: the shapes identity
// providers send that the integration test does not cover one by one.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "modules/scim/filter.h"
#include "modules/scim/users.h"

namespace agora::scim {
namespace {

boost::json::object Json(std::string_view s) { return boost::json::parse(s).as_object(); }

const boost::json::object kAna = Json(R"({
  "userName": "ana@example.com", "displayName": "Ana Ångström", "title": "Geologist", "active": true,
  "emails": [{"value": "ana@example.com", "type": "work", "primary": true}, {"value": "ana@home.example", "type": "home"}],
  "name": {"givenName": "Ana", "familyName": "Ångström"},
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "Exploration"}
})");

bool Match(std::string_view filter) {
  auto f = ParseFilter(filter);
  EXPECT_TRUE(f) << filter << ": " << (f ? "" : f.error().message);
  return f && Matches(**f, kAna);
}

TEST(ScimFilter, OperatorsAndLogic) {
  EXPECT_TRUE(Match(R"(userName eq "ANA@example.com")"));  // values compare without case
  EXPECT_TRUE(Match(R"(USERNAME Eq "ana@example.com")"));  // so do names and operators
  EXPECT_FALSE(Match(R"(userName ne "ana@example.com")"));
  EXPECT_TRUE(Match(R"(displayName co "ngstr")"));
  EXPECT_TRUE(Match(R"(displayName sw "ana" and title ew "gist")"));
  EXPECT_TRUE(Match(R"(title eq "Nurse" or name.givenName eq "Ana")"));
  EXPECT_TRUE(Match(R"(not (title eq "Nurse"))"));
  EXPECT_TRUE(Match(R"(emails.value eq "ana@home.example")"));  // any value of a multi-valued attribute
  EXPECT_TRUE(Match(R"(active eq true)"));
  EXPECT_FALSE(Match(R"(active eq false)"));
  EXPECT_TRUE(Match(R"(title pr)"));
  EXPECT_FALSE(Match(R"(nickName pr)"));
  EXPECT_TRUE(Match(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "exploration")"));
  EXPECT_TRUE(Match(R"((title eq "x" or title eq "Geologist") and active eq true)"));
}

TEST(ScimFilter, MalformedFiltersNameTheProblem) {
  for (const char* bad : {"userName eq", "userName equals \"x\"", "(userName eq \"x\"", "userName eq \"x", "and", ""}) {
    auto f = ParseFilter(bad);
    ASSERT_FALSE(f) << bad;
    EXPECT_EQ(f.error().field, "filter");
  }
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "(";
  EXPECT_FALSE(ParseFilter(deep + "a eq \"b\""));
}

TEST(ScimFilter, OneEqualityIsHandedOutForAnIndexedLookup) {
  auto f = ParseFilter(R"(externalId eq "abc-1")");
  ASSERT_TRUE(f);
  auto eq = SingleEquality(**f);
  ASSERT_TRUE(eq);
  EXPECT_EQ(eq->first, "externalid");
  EXPECT_EQ(eq->second, "abc-1");
  EXPECT_FALSE(SingleEquality(**ParseFilter(R"(a eq "1" and b eq "2")")));
}

TEST(ScimPatch, EntraAndOktaShapes) {
  auto r = kAna;
  ASSERT_TRUE(ApplyPatch(r, Json(R"({"Operations": [
    {"op": "Replace", "path": "active", "value": "False"},
    {"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "ana.b@example.com"},
    {"op": "Add", "path": "phoneNumbers[type eq \"work\"].value", "value": "+46 8 1"},
    {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": {"value": "42"}},
    {"op": "replace", "value": {"title": "Chief", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Geology"}},
    {"op": "remove", "path": "emails[type eq \"home\"]"},
    {"op": "Replace", "path": "name.familyName", "value": "Berg"}
  ]})")));
  EXPECT_EQ(r.at("active"), boost::json::value(false));
  EXPECT_EQ(r.at("emails").as_array().size(), 1u);
  EXPECT_EQ(r.at("emails").as_array()[0].at("value"), "ana.b@example.com");
  EXPECT_EQ(r.at("phoneNumbers").as_array()[0].at("type"), "work");
  EXPECT_EQ(r.at("phoneNumbers").as_array()[0].at("value"), "+46 8 1");
  const auto& ext = r.at(kEnterpriseUser).as_object();
  EXPECT_EQ(ext.at("manager").at("value"), "42");
  EXPECT_EQ(ext.at("department"), "Geology");
  EXPECT_EQ(r.at("title"), "Chief");
  EXPECT_EQ(r.at("name").at("familyName"), "Berg");
  ASSERT_TRUE(ApplyPatch(r, Json(R"({"Operations": [{"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]})")));
  EXPECT_FALSE(r.at(kEnterpriseUser).as_object().contains("manager"));
}

TEST(ScimPatch, BadOperationsAreRefused) {
  auto r = kAna;
  EXPECT_FALSE(ApplyPatch(r, Json(R"({"Operations": []})")));
  EXPECT_FALSE(ApplyPatch(r, Json(R"({"Operations": [{"op": "move", "path": "title"}]})")));
  EXPECT_FALSE(ApplyPatch(r, Json(R"({"Operations": [{"op": "remove"}]})")));
  EXPECT_FALSE(ApplyPatch(r, Json(R"({"Operations": [{"op": "add", "value": "x"}]})")));
  EXPECT_FALSE(ApplyPatch(r, Json(R"({"Operations": [{"op": "add", "path": "emails[type eq", "value": "x"}]})")));
}

}  // namespace
}  // namespace agora::scim
