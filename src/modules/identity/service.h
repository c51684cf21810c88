// Identity use cases: first-admin setup, sign-in and sign-out, authenticating a request by
// session cookie or bearer token, password change, and a person's own sessions and personal
// access tokens. No HTTP types: the api.cpp handlers translate. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/login_limiter.h"
#include "modules/identity/model.h"
#include "modules/identity/passwords.h"
#include "store/database.h"

namespace agora::identity {

struct NewAccount {
  std::string email;
  std::string display_name;
  Role role = Role::kMember;
  std::string password;  // empty: the account cannot sign in until one is set
};

// Field checks shared by setup, the admin API and the command line (422 naming the field).
Status ValidateNewAccount(const NewAccount& a);
Result<std::string> NormalizeDisplayName(std::string_view name);

// Inserts an account inside the caller's write transaction: refuses a taken e-mail (409,
// field "email"), picks a free handle from the e-mail's local part.
Result<User> InsertAccount(agora::store::Connection& c, IdGenerator& ids, std::int64_t now, const NewAccount& a,
                           const std::optional<std::string>& password_hash);

// Renames an account inside the caller's write transaction (the display name is checked).
Status RenameAccount(agora::store::Connection& c, Id id, std::string_view display_name, std::int64_t now);
// Changes an account's e-mail inside the caller's write transaction (a directory says the
// person's address changed): 422 for a malformed address, 409 when another account has it.
Status ChangeAccountEmail(agora::store::Connection& c, Id id, std::string_view email, std::int64_t now);
// Finds an account id by e-mail (case-insensitive) inside the caller's transaction.
std::optional<User> FindAccountByEmail(agora::store::Connection& c, std::string_view email);

// A directory that checks the passwords of the people it manages instead of the stored hash
// (LDAP sign-in, modules/ldap). Both are called on the password pool.
class PasswordDirectory {
 public:
  virtual ~PasswordDirectory() = default;
  // Whether the directory checks this account's password (one indexed read).
  virtual bool Manages(Id user) = 0;
  // Whether the directory accepts the password; an Error when it cannot be asked (503).
  virtual Result<bool> CheckPassword(const User& user, std::string_view password) = 0;
};

class IdentityService {
 public:
  IdentityService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, const AuthConfig& config,
                  bus::Bus* bus = nullptr);

  const PasswordHasher& hasher() const { return hasher_; }

  // --- First-admin setup: only while the site has no active admin (a new install, or one
  // filled by `agora seed` or an import before anyone could run it). ---
  bool NeedsSetup();
  // Makes a new one-time setup token (the previous one stops working) when no account
  // exists; nullopt otherwise. Only its hash is kept, in memory.
  std::optional<std::string> IssueSetupToken();
  Result<SignIn> CompleteSetup(std::string_view setup_token, const NewAccount& admin, const ClientInfo& client);

  // --- Sign-in. The same 401 for an unknown e-mail and a wrong password. Throttled per
  //     browser when its device cookie has signed in to the account before, else per account
  //     and address (login_limiter.h); a success puts the browser's device cookie on record. ---
  Result<SignIn> Login(std::string_view email, std::string_view password, const ClientInfo& client);
  void Logout(const Principal& p);

  // --- Per-request authentication (hot path: one indexed read; writes at most once a
  //     few minutes per credential to slide expiry or record last use). ---
  std::optional<Principal> AuthenticateSession(std::string_view cookie_token);
  std::optional<Principal> AuthenticateBearer(std::string_view token);

  // People the directory manages sign in with its password (set once, before serving).
  void SetPasswordDirectory(PasswordDirectory* directory) { directory_ = directory; }

  // Whether this address may sign in with a password (auth.local_passwords, or it is the
  // break-glass admin's); resets are not sent to others either.
  bool PasswordSignInAllowed(std::string_view email) const;

  // Checks the current password, stores the new one, and signs out every other session.
  Status ChangePassword(const Principal& p, std::string_view current, std::string_view next);

  std::vector<SessionInfo> ListSessions(const Principal& p);
  Status RevokeSession(const Principal& p, Id session_id);

  // Returns the token record and the secret token, which is never retrievable again.
  Result<std::pair<AccessToken, std::string>> CreateToken(const Principal& p, std::string_view name);
  std::vector<AccessToken> ListTokens(const Principal& p);
  Status RevokeToken(const Principal& p, Id token_id);

  // Whether admins must use two-factor sign-in: auth.require_two_factor_for_admins, or the
  // site setting an admin turned on (read from the database: asked by admin routes only).
  bool TwoFactorRequiredForAdmins();
  // Turns the site setting on or off (409 for an admin without two-factor sign-in turning it
  // on: they would lock themselves out). Audited.
  Status RequireTwoFactorForAdmins(const Principal& admin, bool required, std::string_view ip);

  // The language of the site for people who have not chosen one and whose browser asks for
  // none Agora speaks (languages.h): the admin's choice, else English. Read from the database.
  std::string SiteLanguage();
  // 422 naming "language" for one Agora does not speak. Audited.
  Status SetSiteLanguage(const Principal& admin, std::string_view language, std::string_view ip);
  // The person's own UI language ("" = as their browser asks); 422 naming "language".
  Result<User> SetLanguage(const Principal& p, std::string_view language);

  // Starts a session for `user` inside the caller's write transaction (sign-in, setup, a
  // password set through a link, the second step of a two-factor sign-in).
  SignIn StartSession(agora::store::Connection& c, const User& user, const ClientInfo& client);

  static constexpr std::string_view kTokenPrefix = "agp_";
  static constexpr std::int64_t kTouchIntervalMs = 5 * 60 * 1000;
  static constexpr int kDevicesKept = 20;  // browsers on record per account

 private:
  // After a credential stopped working (`credential`, or 0: the person's every credential
  // is to be checked again): cached credentials go, open streams close (bus.h kAccessChanged).
  void AccessChanged(Id user, Id credential);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  AuthConfig config_;
  PasswordHasher hasher_;
  LoginLimiter limiter_;
  std::atomic<bool> set_up_{false};  // an active admin exists: NeedsSetup() is false for good
  std::mutex setup_mu_;
  std::string setup_token_hash_;
  bus::Bus* bus_;
  PasswordDirectory* directory_ = nullptr;
};

}  // namespace agora::identity
