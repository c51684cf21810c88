#include "modules/sso/id_token.h"

#include <cjose/cjose.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/crypto.h"

namespace agora::sso {
namespace {

Error Refused(const std::string& why) { return Error::Unauthenticated("the identity provider's ID token " + why); }

std::string KeyTypeFor(std::string_view alg) {
  if (alg.starts_with("RS") || alg.starts_with("PS")) return "RSA";
  if (alg.starts_with("ES")) return "EC";
  return {};
}

struct JwsHandle {
  cjose_jws_t* p = nullptr;
  ~JwsHandle() { cjose_jws_release(p); }
};

bool AudienceMatches(const boost::json::object& claims, const std::string& audience) {
  const auto* aud = claims.if_contains("aud");
  if (!aud) return false;
  if (aud->is_string()) return aud->as_string() == audience;
  if (!aud->is_array() || aud->as_array().empty()) return false;
  bool found = false;
  for (const auto& a : aud->as_array())
    if (a.is_string() && a.as_string() == audience) found = true;
  if (!found) return false;
  // Several audiences: the party the token was issued to (azp) must be us (Core 3.1.3.7 4-5).
  if (aud->as_array().size() > 1) {
    const auto* azp = claims.if_contains("azp");
    return azp && azp->is_string() && azp->as_string() == audience;
  }
  return true;
}

std::optional<std::int64_t> NumericClaim(const boost::json::object& claims, const char* name) {
  const auto* v = claims.if_contains(name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_double()) return static_cast<std::int64_t>(v->as_double());
  return std::nullopt;
}

}  // namespace

bool AcceptedAlgorithm(std::string_view alg) {
  for (std::string_view a : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"})
    if (alg == a) return true;
  return false;
}

KeySet::~KeySet() {
  for (auto& k : keys_) cjose_jwk_release(static_cast<cjose_jwk_t*>(k.jwk));
}

bool KeySet::HasKid(std::string_view kid) const {
  for (const auto& k : keys_)
    if (k.kid == kid) return true;
  return false;
}

Result<std::shared_ptr<const KeySet>> KeySet::Parse(std::string_view jwks_json) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(jwks_json, ec);
  if (ec || !doc.is_object() || !doc.as_object().contains("keys") || !doc.as_object().at("keys").is_array())
    return Error::Malformed("the identity provider's jwks_uri did not return a JWK Set");
  std::shared_ptr<KeySet> set(new KeySet());
  for (const auto& k : doc.as_object().at("keys").as_array()) {
    if (!k.is_object()) continue;
    const auto& o = k.as_object();
    auto str = [&](const char* name) {
      const auto* v = o.if_contains(name);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    std::string kty = str("kty"), use = str("use");
    if ((kty != "RSA" && kty != "EC") || (!use.empty() && use != "sig")) continue;
    std::string text = boost::json::serialize(o);
    cjose_err err;
    cjose_jwk_t* jwk = cjose_jwk_import(text.c_str(), text.size(), &err);
    if (!jwk) continue;  // a key cjose cannot read (an unknown curve): not one we can check with
    set->keys_.push_back({str("kid"), kty, str("alg"), jwk});
  }
  return std::shared_ptr<const KeySet>(std::move(set));
}

Result<boost::json::object> VerifyIdToken(std::string_view token, const KeySet& keys, const IdTokenCheck& check,
                                          std::optional<std::string>* unknown_kid) {
  if (unknown_kid) unknown_kid->reset();
  cjose_err err;
  JwsHandle jws{cjose_jws_import(token.data(), token.size(), &err)};
  if (!jws.p) return Refused("is not a signed JWT");
  cjose_header_t* header = cjose_jws_get_protected(jws.p);
  const char* alg_c = header ? cjose_header_get(header, CJOSE_HDR_ALG, &err) : nullptr;
  std::string alg = alg_c ? alg_c : "";
  if (!AcceptedAlgorithm(alg)) return Refused("is signed with \"" + alg + "\", which is not an accepted algorithm");
  const char* kid_c = cjose_header_get(header, CJOSE_HDR_KID, &err);
  std::string kid = kid_c ? kid_c : "";
  const std::string kty = KeyTypeFor(alg);

  bool verified = false, candidate = false;
  for (const auto& k : keys.keys()) {
    if (!kid.empty() && k.kid != kid) continue;
    if (k.kty != kty || (!k.alg.empty() && k.alg != alg)) continue;
    candidate = true;
    if (cjose_jws_verify(jws.p, static_cast<const cjose_jwk_t*>(k.jwk), &err)) {
      verified = true;
      break;
    }
  }
  if (!candidate) {
    if (unknown_kid) *unknown_kid = kid;
    return Refused("names a key (\"" + kid + "\") the provider does not publish");
  }
  if (!verified) return Refused("has a signature that does not verify");

  uint8_t* payload = nullptr;
  size_t payload_len = 0;
  if (!cjose_jws_get_plaintext(jws.p, &payload, &payload_len, &err)) return Refused("has no payload");
  boost::system::error_code ec;
  auto parsed = boost::json::parse(std::string_view(reinterpret_cast<const char*>(payload), payload_len), ec);
  if (ec || !parsed.is_object()) return Refused("has claims that are not a JSON object");
  auto claims = std::move(parsed.as_object());

  const auto* iss = claims.if_contains("iss");
  if (!iss || !iss->is_string() || iss->as_string() != check.issuer) return Refused("was issued by another issuer");
  if (!AudienceMatches(claims, check.audience)) return Refused("was issued for another client (aud/azp)");
  auto exp = NumericClaim(claims, "exp");
  if (!exp) return Refused("has no expiry (exp)");
  if (*exp + check.leeway_s < check.now_s) return Refused("has expired");
  auto iat = NumericClaim(claims, "iat");
  if (!iat) return Refused("has no issue time (iat)");
  if (*iat - check.leeway_s > check.now_s) return Refused("was issued in the future (iat)");
  const auto* nonce = claims.if_contains("nonce");
  if (!nonce || !nonce->is_string() || !crypto::ConstantTimeEquals(std::string_view(nonce->as_string()), check.nonce))
    return Refused("does not carry the nonce of this sign-in");
  const auto* sub = claims.if_contains("sub");
  if (!sub || !sub->is_string() || sub->as_string().empty()) return Refused("has no subject (sub)");
  return claims;
}

}  // namespace agora::sso
