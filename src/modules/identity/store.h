// The only code that runs identity's SQL. Every function takes the connection to use, so
// the service decides transactions; none makes a decision of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/cursor.h"
#include "modules/identity/model.h"
#include "store/database.h"

namespace agora::identity::store {

using agora::store::Connection;
using agora::Cursor;

struct UserWithPassword {
  User user;
  std::optional<std::string> password_hash;
};

void InsertUser(Connection& c, const User& u, const std::optional<std::string>& password_hash, const std::string& email_key);
std::optional<UserWithPassword> FindUserByEmailKey(Connection& c, const std::string& email_key);
std::optional<UserWithPassword> FindUserById(Connection& c, Id id);
bool HandleTaken(Connection& c, const std::string& handle);
std::int64_t CountUsers(Connection& c);
std::int64_t CountActiveAdmins(Connection& c);
// Site-wide settings an admin changes at run time (site_settings): nullopt when never set.
std::optional<std::string> SiteSetting(Connection& c, std::string_view name);
void PutSiteSetting(Connection& c, std::string_view name, std::string_view value);
// The site's default language (an admin's choice, else English).
std::string SiteLanguage(Connection& c);
// The language Agora writes to a person in when they are not there to ask (mail): theirs if
// they chose one, else the site's default.
std::string LanguageOf(Connection& c, const User& u);
bool HasActiveAdmin(Connection& c);  // one row is enough, not a count
// Users ordered by id, after `after_id`; `q` (may be empty) filters by name/e-mail/handle prefix.
std::vector<User> ListUsers(Connection& c, Id after_id, int limit, const std::string& q);

// The admin's list: filtered, in one of three orders, a page after `after` (id 0: the first).
enum class UserSort { kCreated, kNewest, kName };
enum class UserStatus { kAny, kActive, kDeactivated, kNotActivated };  // not activated: no password, no SSO yet
struct UserQuery {
  std::string q = "";  // a prefix of the e-mail, handle or any word of the name, in any spelling
  std::optional<Role> role = std::nullopt;
  UserStatus status = UserStatus::kAny;
  UserSort sort = UserSort::kCreated;
};
std::vector<User> ListUsers(Connection& c, const UserQuery& query, const Cursor& after, int limit);
std::int64_t CountUsers(Connection& c, const UserQuery& query);
void UpdateRole(Connection& c, Id id, Role role, std::int64_t now);
void UpdateLanguage(Connection& c, Id id, std::string_view language, std::int64_t now);  // "" = not chosen
void UpdateActive(Connection& c, Id id, bool active, std::int64_t now);
void UpdateDisplayName(Connection& c, Id id, const std::string& name, std::int64_t now);
void UpdateEmail(Connection& c, Id id, const std::string& email, const std::string& email_key, std::int64_t now);
void UpdatePasswordHash(Connection& c, Id id, const std::string& hash, std::int64_t now);

void InsertSession(Connection& c, const SessionInfo& s, const std::string& token_hash, const std::string& csrf);
// The session and its (active) user by cookie hash, unexpired at `now`.
struct SessionLookup {
  SessionInfo session;
  std::string csrf_token;
  User user;
};
std::optional<SessionLookup> FindSessionByHash(Connection& c, const std::string& token_hash, std::int64_t now);
void ExtendSession(Connection& c, Id id, std::int64_t now, std::int64_t expires_at);
std::vector<SessionInfo> ListSessions(Connection& c, Id user_id, std::int64_t now);
bool DeleteSession(Connection& c, Id user_id, Id session_id);
// Deletes every session of the user except `keep` (0 keeps none); returns how many.
std::int64_t DeleteSessionsOfUser(Connection& c, Id user_id, Id keep);
std::int64_t DeleteExpiredSessions(Connection& c, std::int64_t now);

// Browsers that have signed in to an account, by the hash of their device cookie.
bool IsTrustedDevice(Connection& c, Id user_id, const std::string& token_hash);
// Records (or refreshes) a device for the user, keeping the `keep` most recently used.
void TrustDevice(Connection& c, Id user_id, const std::string& token_hash, std::int64_t now, int keep);

void InsertToken(Connection& c, const AccessToken& t, const std::string& token_hash);
struct TokenLookup {
  AccessToken token;
  User user;
};
std::optional<TokenLookup> FindTokenByHash(Connection& c, const std::string& token_hash);
void TouchToken(Connection& c, Id id, std::int64_t now);
std::vector<AccessToken> ListTokens(Connection& c, Id user_id);
bool DeleteToken(Connection& c, Id user_id, Id token_id);

}  // namespace agora::identity::store
