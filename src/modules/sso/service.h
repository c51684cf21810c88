// Single sign-on with OpenID Connect: "Sign in with <provider>" from start to session.
//
// Start makes a state, a nonce and a PKCE verifier, keeps them (sso_flows) bound to this
// browser by a cookie of its own, and sends the browser to the provider. Finish takes the
// flow out again (a state works once, 10 minutes, only in the browser that began it),
// exchanges the code (with the verifier), verifies the ID token (id_token.h), finds the
// account, and starts a session:
//   1. the account linked to this provider's subject (external_identities), else
//   2. the account with the same e-mail, when the provider vouches for it (email_verified,
//      or trust_email for providers that send no such claim), which is then linked, else
//   3. a new account (create_accounts), member or guest by member_domains / guest_claim.
// Names, titles, departments and managers the provider sends are kept up to date at each
// sign-in (people's own profile code writes them). Deactivated accounts never get in.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <variant>
#include <string>
#include <string_view>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/model.h"
#include "modules/identity/request_limiter.h"
#include "modules/identity/service.h"
#include "modules/sso/provider.h"
#include "store/database.h"

namespace agora::sso {

// Why a sign-in through a provider did not happen, as the sign-in page explains it
// (/signin?sso_error=<code>).
enum class Failure { kCancelled, kExpired, kRefused, kNoAccount, kDeactivated, kUnavailable };
std::string_view FailureCode(Failure f);

struct SsoError {
  Failure failure;
  std::string detail;  // for the server's log (never a token)
};

class SsoService {
 public:
  SsoService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, identity::IdentityService& identity,
             const Config& config, bus::Bus* bus = nullptr);

  // Checks every [oidc.<id>] table (issuer, client id, a secret, https unless on loopback)
  // and reads client_secret_file; errors name the key.
  static Status Validate(Config& config);

  struct ProviderInfo {
    std::string id, name;
  };
  std::vector<ProviderInfo> Providers() const;
  bool PasswordsAllowed() const { return local_passwords_; }

  struct Redirect {
    std::string url;            // the provider's authorization URL
    std::string browser_token;  // the agora_sso cookie
  };
  Result<Redirect> Start(std::string_view provider, std::string_view return_to, const std::string& ip);

  struct Callback {
    std::string code, state, error, browser_token;
  };
  struct Finished {
    identity::SignIn sign_in;
    std::string return_to;
  };
  std::variant<Finished, SsoError> Finish(std::string_view provider, const Callback& cb, const identity::ClientInfo& client);

  // Where the browser goes after signing out here so that the provider's session ends too
  // (its end_session_endpoint), for a session that began there; nullopt otherwise.
  std::optional<std::string> EndSessionUrl(const identity::Principal& p);

  std::string RedirectUri(std::string_view provider) const;
  // The address people reach this server at (http.public_url, or the one it bound to); set
  // once before the server starts answering.
  void SetBaseUrl(std::string base) { public_url_ = std::move(base); }
  static constexpr std::int64_t kFlowMs = 10 * 60 * 1000;

 private:
  Provider* Find(std::string_view id) const;
  Result<identity::User> Account(const Provider& p, const boost::json::object& claims, std::string_view ip);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  identity::IdentityService& identity_;
  bus::Bus* bus_;
  std::string public_url_;
  bool local_passwords_;
  std::vector<std::unique_ptr<Provider>> providers_;
  identity::RequestLimiter starts_per_ip_;
};

// A path on this site to go back to after signing in ("/communities/x"); "/" for anything
// else (another site, "//evil", a backslash, control characters).
std::string SafeReturnPath(std::string_view path);

}  // namespace agora::sso
