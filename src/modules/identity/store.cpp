#include "modules/identity/store.h"

#include "core/languages.h"

#include "core/text.h"
#include "core/name_words.h"

namespace agora::identity::store {
namespace {

// Named queries. The user column list is shared so ReadUser() can decode any of them.
#define AGORA_USER_COLUMNS                                                                                          \
  "u.id, u.email, u.handle, u.display_name, u.role, u.active, u.created_at, u.updated_at, u.deactivated_at,"       \
  " CASE WHEN u.password_hash IS NOT NULL THEN 1"                                                                  \
  " WHEN EXISTS (SELECT 1 FROM external_identities e WHERE e.user_id = u.id) THEN 1 ELSE 0 END,"                   \
  " u.invited_at, u.two_factor, u.language"
constexpr int kUserColumnCount = 13;

constexpr const char* kInsertUser =
    "INSERT INTO users (id, email, email_key, handle, display_name, role, active, password_hash, created_at, updated_at,"
    " name_words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUserByEmailKey = "SELECT " AGORA_USER_COLUMNS ", u.password_hash FROM users u WHERE u.email_key = ?";
constexpr const char* kUserById = "SELECT " AGORA_USER_COLUMNS ", u.password_hash FROM users u WHERE u.id = ?";
constexpr const char* kHandleTaken = "SELECT 1 FROM users WHERE handle = ?";
constexpr const char* kCountUsers = "SELECT count(*) FROM users";
constexpr const char* kCountActiveAdmins = "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1";
// The admin's list: ?1 q, ?2 and ?3 its prefix as typed, ?4 as any word, ?5 role, ?6 status;
// then ?7 and ?8 the cursor (name, id) and ?9 the limit.
#define AGORA_USER_FILTER                                                                                      \
  "(?1 = '' OR u.email_key LIKE ?2 ESCAPE '\\' OR u.handle LIKE ?2 ESCAPE '\\' OR u.display_name LIKE ?2 ESCAPE '\\'" \
  " OR u.display_name LIKE ?3 ESCAPE '\\' OR ' ' || u.name_words LIKE ?4 ESCAPE '\\')"                              \
  " AND (?5 = '' OR u.role = ?5)"                                                                            \
  " AND (?6 = 'any' OR (?6 = 'active' AND u.active = 1) OR (?6 = 'deactivated' AND u.active = 0)"            \
  " OR (?6 = 'not_activated' AND u.active = 1 AND u.password_hash IS NULL"                                   \
  " AND NOT EXISTS (SELECT 1 FROM external_identities e WHERE e.user_id = u.id)))"
constexpr const char* kUsersByCreation =
    "SELECT " AGORA_USER_COLUMNS " FROM users u WHERE " AGORA_USER_FILTER " AND u.id > ?8 ORDER BY u.id LIMIT ?9";
constexpr const char* kUsersNewestFirst = "SELECT " AGORA_USER_COLUMNS " FROM users u WHERE " AGORA_USER_FILTER
                                          " AND (?8 = 0 OR u.id < ?8) ORDER BY u.id DESC LIMIT ?9";
constexpr const char* kUsersByName =
    "SELECT " AGORA_USER_COLUMNS " FROM users u WHERE " AGORA_USER_FILTER
    " AND (?8 = 0 OR u.display_name COLLATE agora_root > ?7"
    " OR (u.display_name COLLATE agora_root = ?7 AND u.id > ?8)) ORDER BY u.display_name COLLATE agora_root, u.id LIMIT ?9";
constexpr const char* kCountListed = "SELECT count(*) FROM users u WHERE " AGORA_USER_FILTER;
constexpr const char* kUpdateRole = "UPDATE users SET role = ?, updated_at = ? WHERE id = ?";
constexpr const char* kUpdateActive =
    "UPDATE users SET active = ?1, deactivated_at = CASE WHEN ?1 = 1 THEN NULL ELSE ?2 END, updated_at = ?2 WHERE id = ?3";
constexpr const char* kUpdateName = "UPDATE users SET display_name = ?, name_words = ?, updated_at = ? WHERE id = ?";
constexpr const char* kUpdatePassword = "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?";

constexpr const char* kInsertSession =
    "INSERT INTO sessions (id, user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kSessionByHash =
    "SELECT " AGORA_USER_COLUMNS ", s.id, s.created_at, s.last_seen_at, s.expires_at, s.ip, s.user_agent, s.csrf_token"
    " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1";
constexpr const char* kExtendSession = "UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?";
constexpr const char* kListSessions =
    "SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions"
    " WHERE user_id = ? AND expires_at > ? ORDER BY last_seen_at DESC";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE id = ? AND user_id = ?";
constexpr const char* kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = ? AND id != ?";
constexpr const char* kDeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at <= ?";

constexpr const char* kTrustedDevice = "SELECT 1 FROM trusted_devices WHERE token_hash = ? AND user_id = ?";
constexpr const char* kTrustDevice =
    "INSERT INTO trusted_devices (token_hash, user_id, created_at, last_used_at) VALUES (?1, ?2, ?3, ?3)"
    " ON CONFLICT (token_hash, user_id) DO UPDATE SET last_used_at = excluded.last_used_at";
constexpr const char* kForgetOldDevices =
    "DELETE FROM trusted_devices WHERE user_id = ?1 AND token_hash NOT IN"
    " (SELECT token_hash FROM trusted_devices WHERE user_id = ?1 ORDER BY last_used_at DESC, token_hash LIMIT ?2)";

constexpr const char* kInsertToken =
    "INSERT INTO access_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)";
constexpr const char* kTokenByHash =
    "SELECT " AGORA_USER_COLUMNS ", t.id, t.name, t.created_at, t.last_used_at"
    " FROM access_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.active = 1";
constexpr const char* kTouchToken = "UPDATE access_tokens SET last_used_at = ? WHERE id = ?";
constexpr const char* kListTokens =
    "SELECT id, name, created_at, last_used_at FROM access_tokens WHERE user_id = ? ORDER BY id DESC";
constexpr const char* kDeleteToken = "DELETE FROM access_tokens WHERE id = ? AND user_id = ?";

User ReadUser(const agora::store::Query& q) {
  User u;
  u.id = q.Int(0);
  u.email = q.Text(1);
  u.handle = q.Text(2);
  u.display_name = q.Text(3);
  u.role = ParseRole(q.TextView(4)).value_or(Role::kMember);
  u.active = q.Int(5) != 0;
  u.created_at = q.Int(6);
  u.updated_at = q.Int(7);
  u.deactivated_at = q.OptInt(8);
  u.activated = q.Int(9) != 0;
  u.invited_at = q.OptInt(10);
  u.two_factor = q.Int(11) != 0;
  u.language = q.Text(12);
  return u;
}

std::string LikePrefix(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out + "%";
}

}  // namespace

void InsertUser(Connection& c, const User& u, const std::optional<std::string>& password_hash, const std::string& email_key) {
  c.Prepare(kInsertUser, u.id, u.email, email_key, u.handle, u.display_name, RoleName(u.role), u.active,
            password_hash, u.created_at, u.updated_at, text::SearchableName(u.display_name))
      .Run();
}

std::optional<UserWithPassword> FindUserByEmailKey(Connection& c, const std::string& email_key) {
  auto q = c.Prepare(kUserByEmailKey, email_key);
  if (!q.Next()) return std::nullopt;
  return UserWithPassword{ReadUser(q), q.OptText(kUserColumnCount)};
}

std::optional<UserWithPassword> FindUserById(Connection& c, Id id) {
  auto q = c.Prepare(kUserById, id);
  if (!q.Next()) return std::nullopt;
  return UserWithPassword{ReadUser(q), q.OptText(kUserColumnCount)};
}

bool HandleTaken(Connection& c, const std::string& handle) { return c.Prepare(kHandleTaken, handle).Next(); }

std::int64_t CountUsers(Connection& c) {
  auto q = c.Prepare(kCountUsers);
  q.Next();
  return q.Int(0);
}

std::optional<std::string> SiteSetting(Connection& c, std::string_view name) {
  auto q = c.Prepare("SELECT value FROM site_settings WHERE name = ?1", name);
  if (!q.Next()) return std::nullopt;
  return q.Text(0);
}

void PutSiteSetting(Connection& c, std::string_view name, std::string_view value) {
  c.Prepare("INSERT INTO site_settings (name, value) VALUES (?1, ?2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            name, value).Run();
}

std::string SiteLanguage(Connection& c) {
  auto chosen = SiteSetting(c, "default_language");
  return chosen && languages::IsSupported(*chosen) ? *chosen : std::string(languages::kSource);
}

std::string LanguageOf(Connection& c, const User& u) {
  return languages::IsSupported(u.language) ? u.language : SiteLanguage(c);
}

bool HasActiveAdmin(Connection& c) { return c.Prepare("SELECT 1 FROM users WHERE role = 'admin' AND active = 1 LIMIT 1").Next(); }

std::int64_t CountActiveAdmins(Connection& c) {
  auto q = c.Prepare(kCountActiveAdmins);
  q.Next();
  return q.Int(0);
}

std::vector<User> ListUsers(Connection& c, Id after_id, int limit, const std::string& q) {
  return ListUsers(c, UserQuery{.q = q}, Cursor{.key = "", .id = after_id}, limit);
}

namespace {
const char* StatusName(UserStatus s) {
  switch (s) {
    case UserStatus::kActive: return "active";
    case UserStatus::kDeactivated: return "deactivated";
    case UserStatus::kNotActivated: return "not_activated";
    case UserStatus::kAny: break;
  }
  return "any";
}

template <typename Q>
void BindUserFilter(Q& q, const UserQuery& query) {
  std::string lower = text::AsciiLower(query.q);
  q.Bind(1, query.q)
      .Bind(2, LikePrefix(lower))
      .Bind(3, "% " + LikePrefix(lower))
      .Bind(4, "% " + LikePrefix(text::SearchableQuery(query.q)))
      .Bind(5, query.role ? std::string(RoleName(*query.role)) : std::string())
      .Bind(6, std::string(StatusName(query.status)));
}
}  // namespace

std::vector<User> ListUsers(Connection& c, const UserQuery& query, const Cursor& after, int limit) {
  const char* sql = query.sort == UserSort::kName ? kUsersByName : query.sort == UserSort::kNewest ? kUsersNewestFirst : kUsersByCreation;
  auto q = c.Prepare(sql);
  BindUserFilter(q, query);
  q.Bind(7, after.key).Bind(8, after.id).Bind(9, limit);
  std::vector<User> out;
  while (q.Next()) out.push_back(ReadUser(q));
  return out;
}

std::int64_t CountUsers(Connection& c, const UserQuery& query) {
  auto q = c.Prepare(kCountListed);
  BindUserFilter(q, query);
  return q.Next() ? q.Int(0) : 0;
}

void UpdateLanguage(Connection& c, Id id, std::string_view language, std::int64_t now) {
  c.Prepare("UPDATE users SET language = ?1, updated_at = ?2 WHERE id = ?3", language, now, id).Run();
}

void UpdateRole(Connection& c, Id id, Role role, std::int64_t now) { c.Prepare(kUpdateRole, RoleName(role), now, id).Run(); }
void UpdateActive(Connection& c, Id id, bool active, std::int64_t now) { c.Prepare(kUpdateActive, active, now, id).Run(); }
void UpdateDisplayName(Connection& c, Id id, const std::string& name, std::int64_t now) {
  c.Prepare(kUpdateName, name, text::SearchableName(name), now, id).Run();
}
void UpdateEmail(Connection& c, Id id, const std::string& email, const std::string& email_key, std::int64_t now) {
  c.Prepare("UPDATE users SET email = ?1, email_key = ?2, updated_at = ?3 WHERE id = ?4", email, email_key, now, id).Run();
}

void UpdatePasswordHash(Connection& c, Id id, const std::string& hash, std::int64_t now) {
  c.Prepare(kUpdatePassword, hash, now, id).Run();
}

void InsertSession(Connection& c, const SessionInfo& s, const std::string& token_hash, const std::string& csrf) {
  auto q = c.Prepare(kInsertSession);
  q.Bind(1, s.id).Bind(2, s.user_id).BindBlob(3, token_hash).Bind(4, csrf).Bind(5, s.created_at)
      .Bind(6, s.last_seen_at).Bind(7, s.expires_at).Bind(8, s.ip).Bind(9, s.user_agent);
  q.Run();
}

std::optional<SessionLookup> FindSessionByHash(Connection& c, const std::string& token_hash, std::int64_t now) {
  auto q = c.Prepare(kSessionByHash);
  q.BindBlob(1, token_hash).Bind(2, now);
  if (!q.Next()) return std::nullopt;
  SessionLookup r;
  r.user = ReadUser(q);
  int k = kUserColumnCount;
  r.session = SessionInfo{q.Int(k), r.user.id, q.Int(k + 1), q.Int(k + 2), q.Int(k + 3), q.Text(k + 4), q.Text(k + 5)};
  r.csrf_token = q.Text(k + 6);
  return r;
}

void ExtendSession(Connection& c, Id id, std::int64_t now, std::int64_t expires_at) {
  c.Prepare(kExtendSession, now, expires_at, id).Run();
}

std::vector<SessionInfo> ListSessions(Connection& c, Id user_id, std::int64_t now) {
  auto q = c.Prepare(kListSessions, user_id, now);
  std::vector<SessionInfo> out;
  while (q.Next()) out.push_back({q.Int(0), user_id, q.Int(1), q.Int(2), q.Int(3), q.Text(4), q.Text(5)});
  return out;
}

bool DeleteSession(Connection& c, Id user_id, Id session_id) {
  return c.Prepare(kDeleteSession, session_id, user_id).Run() > 0;
}

std::int64_t DeleteSessionsOfUser(Connection& c, Id user_id, Id keep) {
  return c.Prepare(kDeleteUserSessions, user_id, keep).Run();
}

std::int64_t DeleteExpiredSessions(Connection& c, std::int64_t now) { return c.Prepare(kDeleteExpiredSessions, now).Run(); }

bool IsTrustedDevice(Connection& c, Id user_id, const std::string& token_hash) {
  return c.Prepare(kTrustedDevice, token_hash, user_id).Next();
}

void TrustDevice(Connection& c, Id user_id, const std::string& token_hash, std::int64_t now, int keep) {
  c.Prepare(kTrustDevice, token_hash, user_id, now).Run();
  c.Prepare(kForgetOldDevices, user_id, keep).Run();
}

void InsertToken(Connection& c, const AccessToken& t, const std::string& token_hash) {
  auto q = c.Prepare(kInsertToken);
  q.Bind(1, t.id).Bind(2, t.user_id).Bind(3, t.name).BindBlob(4, token_hash).Bind(5, t.created_at);
  q.Run();
}

std::optional<TokenLookup> FindTokenByHash(Connection& c, const std::string& token_hash) {
  auto q = c.Prepare(kTokenByHash);
  q.BindBlob(1, token_hash);
  if (!q.Next()) return std::nullopt;
  TokenLookup r;
  r.user = ReadUser(q);
  int k = kUserColumnCount;
  r.token = AccessToken{q.Int(k), r.user.id, q.Text(k + 1), q.Int(k + 2), q.OptInt(k + 3)};
  return r;
}

void TouchToken(Connection& c, Id id, std::int64_t now) { c.Prepare(kTouchToken, now, id).Run(); }

std::vector<AccessToken> ListTokens(Connection& c, Id user_id) {
  auto q = c.Prepare(kListTokens, user_id);
  std::vector<AccessToken> out;
  while (q.Next()) out.push_back({q.Int(0), user_id, q.Text(1), q.Int(2), q.OptInt(3)});
  return out;
}

bool DeleteToken(Connection& c, Id user_id, Id token_id) { return c.Prepare(kDeleteToken, token_id, user_id).Run() > 0; }

}  // namespace agora::identity::store
