#include "modules/identity/service.h"

#include <climits>

#include "core/crypto.h"
#include "core/languages.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/identity/auth_cache.h"
#include "modules/identity/store.h"
#include "modules/identity/two_factor.h"

namespace agora::identity {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kMember: return "member";
    case Role::kGuest: return "guest";
    case Role::kAlumnus: return "alumnus";
    case Role::kAdmin: return "admin";
  }
  return "member";
}

std::optional<Role> ParseRole(std::string_view s) {
  if (s == "member") return Role::kMember;
  if (s == "guest") return Role::kGuest;
  if (s == "alumnus") return Role::kAlumnus;
  if (s == "admin") return Role::kAdmin;
  return std::nullopt;
}

namespace {
std::string CleanUserAgent(std::string_view ua) {
  ua = ua.substr(0, 256);
  // Cut at a character boundary and drop anything that is not valid UTF-8 text.
  while (!ua.empty() && !text::IsValidUtf8(ua)) ua.remove_suffix(1);
  return text::HasControlCharacters(ua) ? std::string() : std::string(ua);
}
// A device cookie as we make them (crypto::RandomToken: 43 characters of base64url); anything
// else a client sends is ignored rather than stored.
bool IsDeviceToken(std::string_view t) {
  if (t.size() != 43) return false;
  for (char ch : t)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') return false;
  return true;
}
}  // namespace

Result<std::string> NormalizeDisplayName(std::string_view name) {
  if (!text::IsValidUtf8(name)) return Error::Invalid("display_name", "display_name is not valid UTF-8");
  auto trimmed = text::Trim(name);
  if (trimmed.empty()) return Error::Required("display_name");
  if (text::CodePoints(trimmed) > 100) return Error::TooLong("display_name", 100);
  if (text::HasControlCharacters(trimmed))
    return Error::Invalid("display_name", "display_name must not contain control characters");
  return std::string(trimmed);
}

Status ValidateNewAccount(const NewAccount& a) {
  if (!text::LooksLikeEmail(text::Trim(a.email))) return Error::Invalid("email", "email is not a valid e-mail address").Because("not_email");
  auto name = NormalizeDisplayName(a.display_name);
  if (!name) return name.error();
  if (!a.password.empty()) return ValidatePassword(a.password, "password");
  return OkStatus();
}

Result<User> InsertAccount(agora::store::Connection& c, IdGenerator& ids, std::int64_t now, const NewAccount& a,
                           const std::optional<std::string>& password_hash) {
  auto st = ValidateNewAccount(a);
  if (!st) return st.error();
  std::string key = text::EmailKey(a.email);
  if (store::FindUserByEmailKey(c, key)) return Error::Conflict("an account with this e-mail already exists", "email");
  User u;
  u.id = ids.Next();
  u.email = std::string(text::Trim(a.email));
  u.display_name = *NormalizeDisplayName(a.display_name);
  u.role = a.role;
  u.active = true;
  u.activated = password_hash.has_value();
  u.created_at = u.updated_at = now;
  std::string base = text::HandleFromEmail(u.email);
  u.handle = base;
  for (int n = 2; store::HandleTaken(c, u.handle); ++n) u.handle = base + std::to_string(n);
  store::InsertUser(c, u, password_hash, key);
  return u;
}

Status ChangeAccountEmail(agora::store::Connection& c, Id id, std::string_view email, std::int64_t now) {
  std::string trimmed(text::Trim(email));
  if (!text::LooksLikeEmail(trimmed)) return Error::Invalid("email", "email is not a valid e-mail address").Because("not_email");
  std::string key = text::EmailKey(trimmed);
  if (auto other = store::FindUserByEmailKey(c, key); other && other->user.id != id)
    return Error::Conflict("an account with this e-mail already exists", "email");
  store::UpdateEmail(c, id, trimmed, key, now);
  return OkStatus();
}

Status RenameAccount(agora::store::Connection& c, Id id, std::string_view display_name, std::int64_t now) {
  auto name = NormalizeDisplayName(display_name);
  if (!name) return name.error();
  store::UpdateDisplayName(c, id, *name, now);
  return OkStatus();
}

std::optional<User> FindAccountByEmail(agora::store::Connection& c, std::string_view email) {
  auto found = store::FindUserByEmailKey(c, text::EmailKey(email));
  if (!found) return std::nullopt;
  return found->user;
}

IdentityService::IdentityService(agora::store::Database& db, IdGenerator& ids, const Clock& clock,
                                 const AuthConfig& config, bus::Bus* bus)
    : db_(db), ids_(ids), clock_(clock), config_(config), hasher_(config.password_hash),
      limiter_(clock, config.login_free_attempts, config.login_free_attempts_ip), bus_(bus) {}

void IdentityService::AccessChanged(Id user, Id credential) {
  if (bus_) bus_->Publish({.kind = bus::Event::Kind::kAccessChanged, .actor = user, .people = {user}, .credential = credential});
}

bool IdentityService::NeedsSetup() {
  // Asked on every sign-in page. Once an admin is seen the answer stays no (the last active
  // admin cannot be removed), so the question is not asked again.
  if (set_up_.load(std::memory_order_relaxed)) return false;
  bool needed = db_.Read([](auto& c) { return !store::HasActiveAdmin(c); });
  if (!needed) set_up_.store(true, std::memory_order_relaxed);
  return needed;
}

std::optional<std::string> IdentityService::IssueSetupToken() {
  if (!NeedsSetup()) return std::nullopt;
  std::string token = crypto::RandomToken();
  std::lock_guard lock(setup_mu_);
  setup_token_hash_ = crypto::Sha256(token);
  return token;
}

SignIn IdentityService::StartSession(agora::store::Connection& c, const User& user, const ClientInfo& client) {
  auto now = clock_.NowMs();
  SignIn s;
  s.user = user;
  s.cookie_token = crypto::RandomToken();
  s.csrf_token = crypto::RandomToken();
  s.session = SessionInfo{ids_.Next(), user.id, now, now, now + std::int64_t{config_.session_ttl_hours} * 3600 * 1000,
                          client.ip, CleanUserAgent(client.user_agent)};
  store::InsertSession(c, s.session, crypto::Sha256(s.cookie_token), s.csrf_token);
  return s;
}

Result<SignIn> IdentityService::CompleteSetup(std::string_view setup_token, const NewAccount& admin,
                                              const ClientInfo& client) {
  {
    std::lock_guard lock(setup_mu_);
    if (setup_token_hash_.empty() || !crypto::ConstantTimeEquals(crypto::Sha256(setup_token), setup_token_hash_))
      return Error::Forbidden("the setup link is not valid; restart the server for a new one");
  }
  NewAccount a = admin;
  a.role = Role::kAdmin;
  if (a.password.empty()) return Error::Required("password");
  auto st = ValidateNewAccount(a);
  if (!st) return st.error();
  auto hash = hasher_.Hash(a.password);  // slow: outside the write lock
  auto result = db_.Write([&](agora::store::Connection& c) -> Result<SignIn> {
    // People may already be there (seeded, imported) but no one can run the site yet.
    if (store::HasActiveAdmin(c)) return Error::Conflict("setup is already complete");
    auto now = clock_.NowMs();
    auto user = InsertAccount(c, ids_, now, a, hash);
    if (!user) return user.error();
    audit::Record(c, {ids_.Next(), user->id, "setup.first_admin", "user", user->id, "{}", client.ip, now});
    return StartSession(c, *user, client);
  });
  if (result) {
    std::lock_guard lock(setup_mu_);
    setup_token_hash_.clear();
  }
  return result;
}

bool IdentityService::PasswordSignInAllowed(std::string_view email) const {
  if (config_.local_passwords) return true;
  return !config_.break_glass_admin.empty() && text::EmailKey(email) == text::EmailKey(config_.break_glass_admin);
}

Result<SignIn> IdentityService::Login(std::string_view email, std::string_view password, const ClientInfo& client) {
  LoginAttempt attempt{text::EmailKey(email), client.ip, {}};
  auto found = db_.Read([&](auto& c) { return store::FindUserByEmailKey(c, attempt.account); });
  // The directory's people sign in with its password; local passwords may be turned off.
  const bool by_directory = found && directory_ && directory_->Manages(found->user.id);
  if (!by_directory && !PasswordSignInAllowed(email))
    return Error{ErrorCode::kForbidden, "sign-in with a password is turned off here: use single sign-on", "password_sign_in", 0};
  const std::string device_hash = IsDeviceToken(client.device_token) ? crypto::ToHex(crypto::Sha256(client.device_token)) : "";
  if (found && !device_hash.empty() && db_.Read([&](auto& c) { return store::IsTrustedDevice(c, found->user.id, device_hash); }))
    attempt.device = device_hash;
  if (int wait = limiter_.Admit(attempt); wait > 0) return Error::RateLimited(wait);
  const auto invalid = Error::Unauthenticated("the e-mail or password is incorrect").Because("wrong_credentials");
  if (by_directory) {
    auto accepted = directory_->CheckPassword(found->user, password);
    if (!accepted) {  // the directory cannot be reached: not a failed attempt
      limiter_.Abandon(attempt);
      return accepted.error();
    }
    if (!*accepted) {
      limiter_.Finish(attempt, false);
      return invalid;
    }
  } else if (!found || !found->password_hash) {
    hasher_.VerifyDummy(password);
    limiter_.Finish(attempt, false);
    return invalid;
  } else if (!hasher_.Verify(*found->password_hash, password)) {
    limiter_.Finish(attempt, false);
    return invalid;
  }
  limiter_.Finish(attempt, true);
  // Only someone who knows the password learns that the account is deactivated.
  if (!found->user.active) return Error::Forbidden("this account has been deactivated");
  std::optional<std::string> rehash;
  if (!by_directory && hasher_.NeedsRehash(*found->password_hash)) rehash = hasher_.Hash(password);
  // The browser keeps the device cookie it sent (one browser may know several accounts), or
  // gets its first one; either way it is now on record for this account.
  std::string device_token = IsDeviceToken(client.device_token) ? client.device_token : crypto::RandomToken();
  return db_.Write([&](agora::store::Connection& c) -> Result<SignIn> {
    auto now = clock_.NowMs();
    if (rehash) store::UpdatePasswordHash(c, found->user.id, *rehash, now);
    store::DeleteExpiredSessions(c, now);
    store::TrustDevice(c, found->user.id, crypto::ToHex(crypto::Sha256(device_token)), now, kDevicesKept);
    if (found->user.two_factor) {  // the password was right; the code from the app comes next
      SignIn s;
      s.user = found->user;
      s.device_token = device_token;
      s.two_factor_challenge = IssueSignInChallenge(c, found->user.id, now);
      return s;
    }
    SignIn s = StartSession(c, found->user, client);
    s.device_token = device_token;
    return s;
  });
}

void IdentityService::Logout(const Principal& p) {
  if (p.kind != CredentialKind::kSession) return;
  db_.Write([&](auto& c) { store::DeleteSession(c, p.user.id, p.credential_id); });
  AccessChanged(p.user.id, p.credential_id);
}

std::optional<Principal> IdentityService::AuthenticateSession(std::string_view cookie_token) {
  if (cookie_token.empty() || cookie_token.size() > 128) return std::nullopt;
  auto now = clock_.NowMs();
  auto hash = crypto::Sha256(cookie_token);
  std::string key = "s" + hash;
  if (auto cached = auth_cache::Find(key, now)) return cached;
  auto found = store::FindSessionByHash(db_.Reader(), hash, now);
  if (!found) return std::nullopt;
  auto expires = found->session.expires_at;
  if (now - found->session.last_seen_at > kTouchIntervalMs) {
    expires = now + std::int64_t{config_.session_ttl_hours} * 3600 * 1000;
    db_.Write([&](auto& c) { store::ExtendSession(c, found->session.id, now, expires); });
  }
  Principal p{std::move(found->user), CredentialKind::kSession, found->session.id, std::move(found->csrf_token)};
  auth_cache::Store(key, p, now, expires);
  return p;
}

std::optional<Principal> IdentityService::AuthenticateBearer(std::string_view token) {
  if (token.size() > 128 || token.substr(0, kTokenPrefix.size()) != kTokenPrefix) return std::nullopt;
  auto now = clock_.NowMs();
  auto hash = crypto::Sha256(token);
  std::string key = "t" + hash;
  if (auto cached = auth_cache::Find(key, now)) return cached;
  auto found = store::FindTokenByHash(db_.Reader(), hash);
  if (!found) return std::nullopt;
  if (!found->token.last_used_at || now - *found->token.last_used_at > kTouchIntervalMs)
    db_.Write([&](auto& c) { store::TouchToken(c, found->token.id, now); });
  Principal p{std::move(found->user), CredentialKind::kToken, found->token.id, {}};
  auth_cache::Store(key, p, now, INT64_MAX);
  return p;
}

bool IdentityService::TwoFactorRequiredForAdmins() {
  if (config_.require_two_factor_for_admins) return true;
  return db_.Read([](agora::store::Connection& c) { return store::SiteSetting(c, "require_two_factor_for_admins") == "1"; });
}

std::string IdentityService::SiteLanguage() {
  return db_.Read([](agora::store::Connection& c) { return store::SiteLanguage(c); });
}

Status IdentityService::SetSiteLanguage(const Principal& admin, std::string_view language, std::string_view ip) {
  if (auto st = languages::CheckSupported(language); !st) return st;
  db_.Write([&](agora::store::Connection& c) {
    store::PutSiteSetting(c, "default_language", language);
    audit::Record(c, {ids_.Next(), admin.user.id, "site.default_language", "", std::nullopt,
                      "{\"language\":\"" + std::string(language) + "\"}", std::string(ip), clock_.NowMs()});
  });
  return OkStatus();
}

Result<User> IdentityService::SetLanguage(const Principal& p, std::string_view language) {
  if (!language.empty())  // empty: as the browser asks
    if (auto st = languages::CheckSupported(language); !st) return st.error();
  auto user = db_.Write([&](agora::store::Connection& c) {
    store::UpdateLanguage(c, p.user.id, language, clock_.NowMs());
    return store::FindUserById(c, p.user.id);
  });
  if (!user) return Error::NotFound("no such user");
  // Cached credentials carry the account: the next request sees the new language.
  if (bus_) bus_->Publish({.kind = bus::Event::Kind::kAccountChanged, .actor = p.user.id, .people = {p.user.id}});
  return user->user;
}

Status IdentityService::RequireTwoFactorForAdmins(const Principal& admin, bool required, std::string_view ip) {
  if (required && !admin.user.two_factor)
    return Error::Conflict("turn on two-factor sign-in for yourself first", "require_two_factor_for_admins");
  db_.Write([&](agora::store::Connection& c) {
    const std::int64_t now = clock_.NowMs();
    store::PutSiteSetting(c, "require_two_factor_for_admins", required ? "1" : "0");
    audit::Record(c, {ids_.Next(), admin.user.id, required ? "site.require_two_factor_for_admins" : "site.allow_admins_without_two_factor",
                      "", std::nullopt, "{}", std::string(ip), now});
  });
  return OkStatus();
}

Status IdentityService::ChangePassword(const Principal& p, std::string_view current, std::string_view next) {
  auto st = ValidatePassword(next, "new_password");
  if (!st) return st;
  auto found = db_.Read([&](auto& c) { return store::FindUserById(c, p.user.id); });
  if (!found || !found->password_hash || !hasher_.Verify(*found->password_hash, current))
    return Error::Invalid("current_password", "current_password is incorrect").Because("incorrect");
  auto hash = hasher_.Hash(next);
  db_.Write([&](auto& c) {
    store::UpdatePasswordHash(c, p.user.id, hash, clock_.NowMs());
    // Anyone else signed in with the old password is signed out.
    store::DeleteSessionsOfUser(c, p.user.id, p.kind == CredentialKind::kSession ? p.credential_id : 0);
  });
  AccessChanged(p.user.id, 0);  // streams of still-valid credentials reconnect
  return OkStatus();
}

std::vector<SessionInfo> IdentityService::ListSessions(const Principal& p) {
  return db_.Read([&](auto& c) { return store::ListSessions(c, p.user.id, clock_.NowMs()); });
}

Status IdentityService::RevokeSession(const Principal& p, Id session_id) {
  bool deleted = db_.Write([&](auto& c) { return store::DeleteSession(c, p.user.id, session_id); });
  if (!deleted) return Error::NotFound("no such session");
  AccessChanged(p.user.id, session_id);
  return OkStatus();
}

Result<std::pair<AccessToken, std::string>> IdentityService::CreateToken(const Principal& p, std::string_view name) {
  if (!text::IsValidUtf8(name)) return Error::Invalid("name", "name is not valid UTF-8");
  auto trimmed = text::Trim(name);
  if (trimmed.empty()) return Error::Required("name");
  if (text::CodePoints(trimmed) > 100 || text::HasControlCharacters(trimmed))
    return Error::Invalid("name", "name must be at most 100 characters of text");
  std::string secret = std::string(kTokenPrefix) + crypto::RandomToken();
  AccessToken t{ids_.Next(), p.user.id, std::string(trimmed), clock_.NowMs(), std::nullopt};
  db_.Write([&](auto& c) { store::InsertToken(c, t, crypto::Sha256(secret)); });
  return std::make_pair(t, secret);
}

std::vector<AccessToken> IdentityService::ListTokens(const Principal& p) {
  return db_.Read([&](auto& c) { return store::ListTokens(c, p.user.id); });
}

Status IdentityService::RevokeToken(const Principal& p, Id token_id) {
  bool deleted = db_.Write([&](auto& c) { return store::DeleteToken(c, p.user.id, token_id); });
  if (!deleted) return Error::NotFound("no such token");
  AccessChanged(p.user.id, token_id);
  return OkStatus();
}

}  // namespace agora::identity
