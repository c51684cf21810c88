// Single sign-on's checks that a real provider never fails: every refusal of an ID token
// (tokens signed here with cjose, verified by id_token.cpp), the return path after sign-in,
// the fetch allowlist, and the [oidc.<id>] configuration tables.
#include <cjose/cjose.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/config.h"
#include "core/crypto.h"
#include "modules/sso/fetch.h"
#include "modules/sso/id_token.h"
#include "modules/sso/service.h"

namespace agora::sso {
namespace {

constexpr std::int64_t kNow = 1'800'000'000;

struct Jwk {
  cjose_jwk_t* p = nullptr;
  explicit Jwk(cjose_jwk_t* k) : p(k) {}
  ~Jwk() { cjose_jwk_release(p); }
  std::string PublicJson(const std::string& kid) {
    cjose_err err;
    cjose_jwk_set_kid(p, kid.c_str(), kid.size(), &err);
    char* json = cjose_jwk_to_json(p, false, &err);
    std::string out = json;
    free(json);
    return out;
  }
};

Jwk RsaKey() {
  static const uint8_t e[] = {0x01, 0x00, 0x01};
  cjose_err err;
  return Jwk(cjose_jwk_create_RSA_random(2048, e, sizeof e, &err));
}

std::string Sign(const Jwk& key, const std::string& alg, const std::string& kid, const boost::json::object& claims) {
  cjose_err err;
  cjose_header_t* h = cjose_header_new(&err);
  cjose_header_set(h, CJOSE_HDR_ALG, alg.c_str(), &err);
  if (!kid.empty()) cjose_header_set(h, CJOSE_HDR_KID, kid.c_str(), &err);
  std::string payload = boost::json::serialize(claims);
  cjose_jws_t* jws = cjose_jws_sign(key.p, h, reinterpret_cast<const uint8_t*>(payload.data()), payload.size(), &err);
  EXPECT_NE(jws, nullptr) << err.message;
  const char* compact = nullptr;
  cjose_jws_export(jws, &compact, &err);
  std::string out = compact;
  cjose_jws_release(jws);
  cjose_header_release(h);
  return out;
}

boost::json::object Claims() {
  return {{"iss", "https://idp.example.com"}, {"aud", "agora"}, {"sub", "u-1"},       {"exp", kNow + 300},
          {"iat", kNow - 10},               {"nonce", "n-1"}, {"email", "ana@example.com"}};
}

IdTokenCheck Check() { return {"https://idp.example.com", "agora", "n-1", kNow}; }

std::shared_ptr<const KeySet> Keys(std::initializer_list<std::string> jwks) {
  std::string doc = "{\"keys\":[";
  bool first = true;
  for (const auto& k : jwks) {
    doc += (first ? "" : ",") + k;
    first = false;
  }
  doc += "]}";
  auto set = KeySet::Parse(doc);
  EXPECT_TRUE(set);
  return *set;
}

std::string Refusal(const std::string& token, const KeySet& keys, const IdTokenCheck& check = Check()) {
  auto r = VerifyIdToken(token, keys, check);
  return r ? std::string("accepted") : r.error().message;
}

class IdToken : public ::testing::Test {
 protected:
  void SetUp() override { crypto::InitCrypto(); }
  Jwk key = RsaKey();
  std::shared_ptr<const KeySet> keys = Keys({key.PublicJson("k1")});
};

TEST_F(IdToken, AValidTokenGivesItsClaims) {
  auto r = VerifyIdToken(Sign(key, "RS256", "k1", Claims()), *keys, Check());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->at("email").as_string(), "ana@example.com");
}

TEST_F(IdToken, EllipticCurveAndPssSignaturesAreAccepted) {
  cjose_err err;
  Jwk ec(cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err));
  auto both = Keys({key.PublicJson("k1"), ec.PublicJson("e1")});
  EXPECT_EQ(Refusal(Sign(ec, "ES256", "e1", Claims()), *both), "accepted");
  EXPECT_EQ(Refusal(Sign(key, "PS256", "k1", Claims()), *both), "accepted");
}

TEST_F(IdToken, UnsignedTokensAreRefused) {
  std::string header = crypto::Base64UrlEncode("{\"alg\":\"none\",\"kid\":\"k1\"}");
  std::string payload = crypto::Base64UrlEncode(boost::json::serialize(Claims()));
  EXPECT_NE(Refusal(header + "." + payload + ".", *keys).find("\"none\", which is not an accepted algorithm"), std::string::npos);
}

// The classic forgery: HMAC keyed with the provider's public key, which anyone can fetch.
TEST_F(IdToken, HmacWithThePublicKeyIsRefused) {
  std::string public_json = key.PublicJson("k1");
  cjose_err err;
  Jwk hmac(cjose_jwk_create_oct_spec(reinterpret_cast<const uint8_t*>(public_json.data()), public_json.size(), &err));
  EXPECT_NE(Refusal(Sign(hmac, "HS256", "k1", Claims()), *keys).find("\"HS256\", which is not an accepted algorithm"),
            std::string::npos);
}

TEST_F(IdToken, ASignatureByAnotherKeyIsRefused) {
  Jwk other = RsaKey();
  EXPECT_NE(Refusal(Sign(other, "RS256", "k1", Claims()), *keys).find("does not verify"), std::string::npos);
}

TEST_F(IdToken, AChangedPayloadIsRefused) {
  std::string token = Sign(key, "RS256", "k1", Claims());
  auto forged = Claims();
  forged["email"] = "ceo@example.com";
  auto dot1 = token.find('.'), dot2 = token.rfind('.');
  token = token.substr(0, dot1 + 1) + crypto::Base64UrlEncode(boost::json::serialize(forged)) + token.substr(dot2);
  EXPECT_NE(Refusal(token, *keys).find("does not verify"), std::string::npos);
}

TEST_F(IdToken, AnUnknownKeyIdAsksForTheKeysAgain) {
  std::optional<std::string> unknown;
  auto r = VerifyIdToken(Sign(key, "RS256", "k2", Claims()), *keys, Check(), &unknown);
  EXPECT_FALSE(r);
  EXPECT_EQ(unknown, "k2");
  (void)VerifyIdToken(Sign(key, "RS256", "k1", Claims()), *keys, Check(), &unknown);
  EXPECT_FALSE(unknown);
}

TEST_F(IdToken, AnAlgorithmThatDoesNotFitTheKeyIsRefused) {
  // An RSA key named by an ES256 header: no key of the right type.
  cjose_err err;
  Jwk ec(cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err));
  std::string token = Sign(ec, "ES256", "k1", Claims());  // kid of the RSA key
  EXPECT_NE(Refusal(token, *keys).find("does not publish"), std::string::npos);
}

TEST_F(IdToken, EveryClaimIsChecked) {
  auto with = [&](const char* name, boost::json::value v) {
    auto c = Claims();
    if (v.is_null()) c.erase(name); else c[name] = v;
    return Refusal(Sign(key, "RS256", "k1", c), *keys);
  };
  EXPECT_NE(with("iss", "https://evil.example.com").find("another issuer"), std::string::npos);
  EXPECT_NE(with("aud", "someone-else").find("another client"), std::string::npos);
  EXPECT_NE(with("aud", boost::json::array{"agora", "someone-else"}).find("another client"), std::string::npos);
  EXPECT_NE(with("exp", kNow - 600).find("has expired"), std::string::npos);
  EXPECT_NE(with("exp", nullptr).find("no expiry"), std::string::npos);
  EXPECT_NE(with("iat", kNow + 3600).find("in the future"), std::string::npos);
  EXPECT_NE(with("nonce", "n-2").find("nonce"), std::string::npos);
  EXPECT_NE(with("nonce", nullptr).find("nonce"), std::string::npos);
  EXPECT_NE(with("sub", nullptr).find("no subject"), std::string::npos);
  // Within the clock leeway, and several audiences with azp naming us, are fine.
  EXPECT_EQ(with("exp", kNow - 60), "accepted");
  auto c = Claims();
  c["aud"] = boost::json::array{"agora", "api"};
  c["azp"] = "agora";
  EXPECT_EQ(Refusal(Sign(key, "RS256", "k1", c), *keys), "accepted");
}

TEST(KeySetParse, KeepsOnlySignatureKeysItCanUse) {
  auto set = KeySet::Parse(R"({"keys":[{"kty":"oct","k":"c2VjcmV0"},{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}]})");
  ASSERT_TRUE(set);
  EXPECT_TRUE((*set)->keys().empty());
  EXPECT_FALSE(KeySet::Parse("[1,2]"));
}

TEST(SafeReturnPath, OnlyPathsOnThisSite) {
  EXPECT_EQ(SafeReturnPath("/communities/x?tab=posts"), "/communities/x?tab=posts");
  for (const char* bad : {"https://evil.example.com/", "//evil.example.com", "/\\evil.example.com", "", "javascript:x",
                          "/a\nb", "/a\\b"})
    EXPECT_EQ(SafeReturnPath(bad), "/") << bad;
}

TEST(Fetch, OnlyConfiguredOriginsAreCalled) {
  EXPECT_EQ(OriginOf("HTTPS://IdP.Example.com:443/realms/x"), "https://idp.example.com");
  EXPECT_EQ(OriginOf("http://127.0.0.1:8080/x"), "http://127.0.0.1:8080");
  EXPECT_EQ(OriginOf("file:///etc/passwd"), "");
  Fetcher f({"https://idp.example.com"});
  EXPECT_TRUE(f.Allowed("https://idp.example.com/token"));
  EXPECT_FALSE(f.Allowed("https://idp.example.com.evil.net/token"));
  EXPECT_FALSE(f.Allowed("http://169.254.169.254/latest/meta-data"));
  auto r = f.Get("http://169.254.169.254/latest/meta-data");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(IsLoopbackUrl("http://localhost:9000"));
  EXPECT_FALSE(IsLoopbackUrl("http://10.0.0.1"));
}

TEST(OidcConfig, ProviderTablesAndTheirChecks) {
  Config c;
  ASSERT_TRUE(ApplyConfigText(c, R"(
[auth]
local_passwords = false
break_glass_admin = "root@example.com"
[oidc.keycloak]
name = "Keycloak"
issuer = "https://sso.example.com/realms/staff/"
client_id = "agora"
client_secret = "s3cret"
member_domains = "example.com"
[oidc.entra]
issuer = "https://login.microsoftonline.com/tenant/v2.0"
client_id = "id"
client_secret = "x"
trust_email = true
)", "sso.toml"));
  ASSERT_EQ(c.oidc.size(), 2u);  // in the order of their ids (TOML tables are unordered)
  const auto& entra = c.oidc[0];
  const auto& keycloak = c.oidc[1];
  EXPECT_EQ(keycloak.issuer, "https://sso.example.com/realms/staff");  // trailing slash dropped
  EXPECT_EQ(keycloak.member_domains, "example.com");
  EXPECT_TRUE(entra.trust_email);
  EXPECT_FALSE(c.auth.local_passwords);
  ASSERT_TRUE(SsoService::Validate(c));
  EXPECT_EQ(c.oidc[0].name, "entra");  // the id when no name is given

  Config bad;
  auto st = ApplyConfigText(bad, "[oidc.x]\nissuer = \"https://a\"\nclient_idd = \"y\"\n", "bad.toml");
  ASSERT_FALSE(st);
  EXPECT_NE(st.error().message.find("oidc.x.client_idd"), std::string::npos);
  Config plain_http;
  ASSERT_TRUE(ApplyConfigText(plain_http, "[oidc.x]\nissuer = \"http://idp.example.com\"\nclient_id = \"y\"\nclient_secret = \"z\"\n", "h.toml"));
  auto v = SsoService::Validate(plain_http);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().field, "oidc.x.issuer");
  Config no_secret;
  ASSERT_TRUE(ApplyConfigText(no_secret, "[oidc.x]\nissuer = \"https://a\"\nclient_id = \"y\"\n", "s.toml"));
  EXPECT_FALSE(SsoService::Validate(no_secret));
  Config bad_id;
  EXPECT_FALSE(ApplyConfigText(bad_id, "[oidc.\"Key Cloak\"]\nissuer = \"https://a\"\n", "i.toml"));
}

}  // namespace
}  // namespace agora::sso
