#include "modules/sso/store.h"

namespace agora::sso::store {

void InsertFlow(Connection& c, const std::string& state_hash, const Flow& f) {
  c.Prepare("INSERT INTO sso_flows (state_hash, provider, browser_hash, nonce, code_verifier, return_to, expires_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            state_hash, f.provider, f.browser_hash, f.nonce, f.code_verifier, f.return_to, f.expires_at)
      .Run();
}

std::optional<Flow> TakeFlow(Connection& c, const std::string& state_hash) {
  auto q = c.Prepare(
      "SELECT provider, browser_hash, nonce, code_verifier, return_to, expires_at FROM sso_flows WHERE state_hash = ?1",
      state_hash);
  if (!q.Next()) return std::nullopt;
  Flow f{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Int(5)};
  c.Prepare("DELETE FROM sso_flows WHERE state_hash = ?1", state_hash).Run();
  return f;
}

std::int64_t DeleteExpiredFlows(Connection& c, std::int64_t now) {
  return c.Prepare("DELETE FROM sso_flows WHERE expires_at <= ?1", now).Run();
}

std::optional<Id> FindLinkedUser(Connection& c, const std::string& provider, const std::string& subject) {
  auto q = c.Prepare("SELECT user_id FROM external_identities WHERE provider = ?1 AND subject = ?2", provider, subject);
  if (!q.Next()) return std::nullopt;
  return q.Int(0);
}

void Link(Connection& c, const std::string& provider, const std::string& subject, Id user_id, std::int64_t now) {
  c.Prepare("INSERT INTO external_identities (provider, subject, user_id, created_at, last_sign_in_at)"
            " VALUES (?1, ?2, ?3, ?4, ?4)",
            provider, subject, user_id, now)
      .Run();
}

void TouchLink(Connection& c, const std::string& provider, const std::string& subject, std::int64_t now) {
  c.Prepare("UPDATE external_identities SET last_sign_in_at = ?3 WHERE provider = ?1 AND subject = ?2", provider, subject, now)
      .Run();
}

std::unordered_map<std::string, LinkInfo> LinksOf(Connection& c, const std::string& provider) {
  std::unordered_map<std::string, LinkInfo> out;
  auto q = c.Prepare("SELECT subject, user_id, photo_sha FROM external_identities WHERE provider = ?1", provider);
  while (q.Next()) out[q.Text(0)] = {q.Int(1), q.Text(2)};
  return out;
}

void SetLink(Connection& c, const std::string& provider, const std::string& subject, Id user_id, std::int64_t now) {
  c.Prepare("INSERT INTO external_identities (provider, subject, user_id, created_at, last_sign_in_at)"
            " VALUES (?1, ?2, ?3, ?4, ?4)"
            " ON CONFLICT (provider, subject) DO UPDATE SET user_id = excluded.user_id, photo_sha = ''",
            provider, subject, user_id, now)
      .Run();
}

void SetPhotoSha(Connection& c, const std::string& provider, const std::string& subject, const std::string& sha) {
  c.Prepare("UPDATE external_identities SET photo_sha = ?3 WHERE provider = ?1 AND subject = ?2", provider, subject, sha).Run();
}

bool IsLinked(Connection& c, const std::string& provider, Id user_id) {
  return c.Prepare("SELECT 1 FROM external_identities WHERE user_id = ?1 AND provider = ?2", user_id, provider).Next();
}

std::vector<std::pair<Id, std::string>> ActiveLinkedUsers(Connection& c, const std::string& provider, bool alumni_too) {
  std::vector<std::pair<Id, std::string>> out;
  auto q = c.Prepare(
      "SELECT DISTINCT u.id, u.email_key FROM external_identities e JOIN users u ON u.id = e.user_id"
      " WHERE e.provider = ?1 AND u.active = 1 AND (?2 = 1 OR u.role <> 'alumnus') ORDER BY u.id",
      provider, alumni_too ? 1 : 0);
  while (q.Next()) out.emplace_back(q.Int(0), q.Text(1));
  return out;
}

void SetSessionProvider(Connection& c, Id session_id, const std::string& provider) {
  c.Prepare("UPDATE sessions SET sso_provider = ?2 WHERE id = ?1", session_id, provider).Run();
}

std::string SessionProvider(Connection& c, Id session_id) {
  auto q = c.Prepare("SELECT sso_provider FROM sessions WHERE id = ?1", session_id);
  return q.Next() ? q.Text(0) : std::string();
}

}  // namespace agora::sso::store
