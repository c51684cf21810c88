#include "modules/atom/tokens.h"

#include "core/crypto.h"
#include "modules/identity/store.h"

namespace agora::atom {
namespace {

std::string HashOf(std::string_view token) { return crypto::ToHex(crypto::Sha256(token)); }

}  // namespace

Result<IssuedToken> FeedTokens::Issue(const identity::Principal& who) {
  IssuedToken t{std::string(kPrefix) + crypto::RandomToken(32), clock_.NowMs()};
  db_.Write([&](agora::store::Connection& c) {
    c.Prepare("INSERT INTO feed_tokens (person_id, token_hash, created_at) VALUES (?1, ?2, ?3)"
              " ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
              who.user.id, HashOf(t.token), t.created_at)
        .Run();
  });
  return t;
}

void FeedTokens::Revoke(Id person) {
  db_.Write([&](agora::store::Connection& c) { c.Prepare("DELETE FROM feed_tokens WHERE person_id = ?1", person).Run(); });
}

std::optional<std::int64_t> FeedTokens::CreatedAt(Id person) {
  return db_.Read([&](agora::store::Connection& c) -> std::optional<std::int64_t> {
    auto q = c.Prepare("SELECT created_at FROM feed_tokens WHERE person_id = ?1", person);
    if (!q.Next()) return std::nullopt;
    return q.Int(0);
  });
}

std::optional<identity::User> FeedTokens::Resolve(std::string_view token) {
  if (!token.starts_with(kPrefix) || token.size() > 100) return std::nullopt;
  return db_.Read([&](agora::store::Connection& c) -> std::optional<identity::User> {
    auto q = c.Prepare("SELECT person_id FROM feed_tokens WHERE token_hash = ?1", HashOf(token));
    if (!q.Next()) return std::nullopt;
    auto user = identity::store::FindUserById(c, q.Int(0));
    if (!user || !user->user.active) return std::nullopt;
    return user->user;
  });
}

}  // namespace agora::atom
