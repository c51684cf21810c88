#include "modules/scim/tokens.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/crypto.h"
#include "core/text.h"
#include "modules/audit/store.h"

namespace agora::scim {
namespace {

std::string Hash(std::string_view token) { return crypto::ToHex(crypto::Sha256(token)); }

TokenInfo Read(agora::store::Query& q) { return {q.Int(0), q.Text(1), q.OptInt(2), q.Int(3), q.OptInt(4)}; }

constexpr std::int64_t kTouchMs = 5 * 60 * 1000;

}  // namespace

Result<std::pair<TokenInfo, std::string>> ScimTokens::Create(const identity::Actor& actor, std::string_view name) {
  std::string trimmed(text::Trim(name));
  if (trimmed.empty() || text::CodePoints(trimmed) > 100 || text::HasControlCharacters(trimmed))
    return Error::Invalid("name", "name must be 1 to 100 characters of text (which identity provider uses it)");
  std::string secret = std::string(kPrefix) + crypto::RandomToken();
  TokenInfo info{ids_.Next(), trimmed, actor.user_id, clock_.NowMs(), std::nullopt};
  db_.Write([&](agora::store::Connection& c) {
    c.Prepare("INSERT INTO scim_tokens (id, name, token_hash, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5)", info.id,
              info.name, Hash(secret), info.created_by, info.created_at)
        .Run();
    audit::Record(c, {ids_.Next(), actor.user_id, "scim.token.create", "scim_token", info.id,
                      boost::json::serialize(boost::json::object{{"name", info.name}}), actor.ip, info.created_at});
  });
  return std::pair{info, secret};
}

std::vector<TokenInfo> ScimTokens::List() {
  return db_.Read([](agora::store::Connection& c) {
    std::vector<TokenInfo> out;
    auto q = c.Prepare("SELECT id, name, created_by, created_at, last_used_at FROM scim_tokens ORDER BY id");
    while (q.Next()) out.push_back(Read(q));
    return out;
  });
}

Status ScimTokens::Revoke(const identity::Actor& actor, Id id) {
  return db_.Write([&](agora::store::Connection& c) -> Status {
    auto q = c.Prepare("SELECT id, name, created_by, created_at, last_used_at FROM scim_tokens WHERE id = ?1", id);
    if (!q.Next()) return Error::NotFound("no such SCIM token");
    auto info = Read(q);
    c.Prepare("DELETE FROM scim_tokens WHERE id = ?1", id).Run();
    audit::Record(c, {ids_.Next(), actor.user_id, "scim.token.revoke", "scim_token", id,
                      boost::json::serialize(boost::json::object{{"name", info.name}}), actor.ip, clock_.NowMs()});
    return OkStatus();
  });
}

std::optional<TokenInfo> ScimTokens::Authenticate(std::string_view bearer) {
  if (!bearer.starts_with(kPrefix)) return std::nullopt;
  const std::string hash = Hash(bearer);
  auto found = db_.Read([&](agora::store::Connection& c) -> std::optional<TokenInfo> {
    auto q = c.Prepare("SELECT id, name, created_by, created_at, last_used_at FROM scim_tokens WHERE token_hash = ?1", hash);
    if (!q.Next()) return std::nullopt;
    return Read(q);
  });
  const auto now = clock_.NowMs();
  if (found && (!found->last_used_at || now - *found->last_used_at > kTouchMs))
    db_.Write([&](agora::store::Connection& c) {
      c.Prepare("UPDATE scim_tokens SET last_used_at = ?2 WHERE id = ?1", found->id, now).Run();
    });
  return found;
}

}  // namespace agora::scim
