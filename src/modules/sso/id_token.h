// Verifying an OpenID Connect ID token (a JWS, RFC 7515) against the provider's published
// keys (a JWK Set, RFC 7517) with cjose (OpenSSL underneath; the JOSE library that
// mod_auth_openidc is built on). cjose checks signatures; the rules of OpenID Connect Core
// 3.1.3.7 are ours and all here: an allowlist of asymmetric algorithms (never "none", never
// HMAC: a public key used as an HMAC secret is the classic forgery), a key whose type fits
// the algorithm, then issuer, audience (and azp when there are several), expiry, issue time
// and nonce. Every refusal says which check failed, for the log and for the tests.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agora::sso {

class KeySet {
 public:
  // Keys for signatures that we can use (RSA and EC); others (encryption keys, symmetric
  // keys) are left out. An error for a document that is not a JWK Set.
  static Result<std::shared_ptr<const KeySet>> Parse(std::string_view jwks_json);
  ~KeySet();
  KeySet(const KeySet&) = delete;
  KeySet& operator=(const KeySet&) = delete;

  struct Key {
    std::string kid, kty, alg;  // alg: empty when the key does not name one
    void* jwk = nullptr;        // cjose_jwk_t*
  };
  const std::vector<Key>& keys() const { return keys_; }
  bool HasKid(std::string_view kid) const;

 private:
  KeySet() = default;
  std::vector<Key> keys_;
};

struct IdTokenCheck {
  std::string issuer;
  std::string audience;  // our client_id
  std::string nonce;
  std::int64_t now_s = 0;
  std::int64_t leeway_s = 120;  // clocks of the two servers may differ this much
};

// The token's claims when every check passes. `unknown_kid` (when given) is set to the key
// id the token names when the set has no such key: the provider may have rotated its keys,
// and the caller fetches them again once before giving up.
Result<boost::json::object> VerifyIdToken(std::string_view token, const KeySet& keys, const IdTokenCheck& check,
                                          std::optional<std::string>* unknown_kid = nullptr);

// Algorithms we accept: RS256/384/512, PS256/384/512, ES256/384/512.
bool AcceptedAlgorithm(std::string_view alg);

}  // namespace agora::sso
