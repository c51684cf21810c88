// One configured OpenID Connect provider, as the server talks to it: its discovery document
// (cached an hour), its published keys (cached an hour, and fetched again at once when a
// token names a key we do not have: that is how rotated keys are picked up), the
// authorization URL of a sign-in (code flow, PKCE S256, state, nonce), the code exchange at
// its token endpoint, and the checked claims of the ID token (plus userinfo for claims the
// token lacks). Thread-safe; blocking (Fetcher).
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "modules/sso/fetch.h"
#include "modules/sso/id_token.h"

namespace agora::sso {

struct Discovery {
  std::string issuer, authorization_endpoint, token_endpoint, userinfo_endpoint, jwks_uri, end_session_endpoint;
  bool basic_auth = true;  // client_secret_basic (else client_secret_post)
};

struct Tokens {
  std::string id_token, access_token;
};

class Provider {
 public:
  // `client_secret` is read by the caller (config or client_secret_file).
  Provider(OidcProviderConfig config, std::string client_secret, const Clock& clock);

  const OidcProviderConfig& config() const { return config_; }
  // The origins the server may call for this provider: the issuer's and allowed_hosts.
  const std::vector<std::string>& allowed_origins() const { return allowed_; }

  Result<Discovery> Discover();
  std::string AuthorizationUrl(const Discovery& d, const std::string& redirect_uri, const std::string& state,
                               const std::string& nonce, const std::string& code_verifier) const;
  Result<Tokens> ExchangeCode(const Discovery& d, const std::string& code, const std::string& redirect_uri,
                              const std::string& code_verifier);
  // The ID token's claims (every check of id_token.h), with what userinfo adds for claims
  // the token lacks (its sub must be the token's).
  Result<boost::json::object> Claims(const Discovery& d, const Tokens& tokens, const std::string& nonce);

  static constexpr std::int64_t kDiscoveryTtlMs = 3600 * 1000;
  static constexpr std::int64_t kKeysTtlMs = 3600 * 1000;
  // A key id that was still missing after fetching the keys is not fetched for again for
  // this long (a provider sending tokens with a key it never publishes costs one fetch a minute).
  static constexpr std::int64_t kMissingKidMs = 60 * 1000;

 private:
  // The keys; fetched again when older than kKeysTtlMs, or when `missing_kid` is named by a
  // token and was not already missing after the last fetch.
  Result<std::shared_ptr<const KeySet>> Keys(const Discovery& d, const std::optional<std::string>& missing_kid);

  OidcProviderConfig config_;
  std::string client_secret_;
  const Clock& clock_;
  std::vector<std::string> allowed_;
  Fetcher fetcher_;
  std::mutex mu_;
  std::optional<Discovery> discovery_;
  std::int64_t discovered_at_ = 0;
  std::shared_ptr<const KeySet> keys_;
  std::int64_t keys_fetched_at_ = 0;
  std::optional<std::string> still_missing_kid_;  // named by a token, absent after the last fetch
};

// PKCE (RFC 7636): the S256 challenge of a verifier.
std::string CodeChallenge(const std::string& code_verifier);

}  // namespace agora::sso
