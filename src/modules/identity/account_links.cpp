#include "modules/identity/account_links.h"

#include <boost/json.hpp>

#include "core/crypto.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/identity/store.h"
#include "modules/mail/outbox.h"

namespace agora::identity {
namespace {

using agora::store::Connection;

constexpr const char* kDeleteOfPurpose = "DELETE FROM account_tokens WHERE user_id = ?1 AND purpose = ?2";
constexpr const char* kInsertToken =
    "INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kFindToken =
    "SELECT t.user_id, t.purpose, t.expires_at FROM account_tokens t WHERE t.token_hash = ?1 AND t.expires_at > ?2";
constexpr const char* kDeleteOfUser = "DELETE FROM account_tokens WHERE user_id = ?1";
constexpr const char* kMarkInvited = "UPDATE users SET invited_at = ?2 WHERE id = ?1";
constexpr const char* kNotActivated =
    "SELECT id FROM users u WHERE password_hash IS NULL AND active = 1"
    " AND NOT EXISTS (SELECT 1 FROM external_identities e WHERE e.user_id = u.id) ORDER BY id";

struct FoundToken {
  Id user = 0;
  LinkPurpose purpose = LinkPurpose::kActivate;
  std::int64_t expires_at = 0;
};

std::optional<FoundToken> FindToken(Connection& c, std::string_view token, std::int64_t now) {
  // A token is 43 characters of base64url (crypto::RandomToken); anything else is unknown.
  if (token.size() < 32 || token.size() > 64) return std::nullopt;
  auto q = c.Prepare(kFindToken, crypto::ToHex(crypto::Sha256(token)), now);
  if (!q.Next()) return std::nullopt;
  return FoundToken{q.Int(0), q.Text(1) == "activate" ? LinkPurpose::kActivate : LinkPurpose::kReset, q.Int(2)};
}

}  // namespace

std::string IssueLinkToken(Connection& c, Id user, LinkPurpose purpose, std::int64_t now, std::int64_t ttl_ms) {
  std::string token = crypto::RandomToken();
  c.Prepare(kDeleteOfPurpose, user, std::string(LinkPurposeName(purpose))).Run();
  c.Prepare(kInsertToken, crypto::ToHex(crypto::Sha256(token)), user, std::string(LinkPurposeName(purpose)), now, now + ttl_ms)
      .Run();
  return token;
}

AccountLinks::AccountLinks(agora::store::Database& db, IdGenerator& ids, const Clock& clock, IdentityService& identity,
                           bus::Bus* bus)
    : db_(db), ids_(ids), clock_(clock), identity_(identity), bus_(bus),
      per_address_(clock, 3, 3600LL * 1000), per_ip_(clock, 20, 3600LL * 1000) {}

std::int64_t AccountLinks::InviteIn(Connection& c, const Actor& actor, const std::vector<Id>& user_ids) {
  const std::int64_t now = clock_.NowMs();
  std::int64_t queued = 0;
  for (Id id : user_ids) {
    auto found = store::FindUserById(c, id);
    if (!found || !found->user.active || found->password_hash) continue;
    mail::Enqueue(c, ids_, {.kind = kMailActivate, .user_id = id}, now);
    c.Prepare(kMarkInvited, id, now).Run();
    audit::Record(c, {ids_.Next(), actor.user_id, "user.invite", "user", id, "{}", actor.ip, now});
    ++queued;
  }
  return queued;
}

Result<std::int64_t> AccountLinks::Invite(const Actor& actor, const InviteRequest& who) {
  if (!who.everyone_not_activated && who.user_ids.empty())
    return Error::Invalid("user_ids", "name the people to invite, or ask for everyone not activated");
  if (who.user_ids.size() > 10'000) return Error::Invalid("user_ids", "at most 10,000 people at a time");
  if (!who.everyone_not_activated) return InviteMany(actor, who.user_ids);
  auto ids = db_.Read([](Connection& c) {
    std::vector<Id> out;
    for (auto q = c.Prepare(kNotActivated); q.Next();) out.push_back(q.Int(0));
    return out;
  });
  return InviteMany(actor, ids);
}

std::int64_t AccountLinks::InviteMany(const Actor& actor, const std::vector<Id>& user_ids) {
  std::int64_t queued = 0;
  for (size_t begin = 0; begin < user_ids.size(); begin += 2000) {
    std::vector<Id> batch(user_ids.begin() + static_cast<std::ptrdiff_t>(begin),
                          user_ids.begin() + static_cast<std::ptrdiff_t>(std::min(user_ids.size(), begin + 2000)));
    queued += db_.Write([&](Connection& c) { return InviteIn(c, actor, batch); });
  }
  return queued;
}

Status AccountLinks::SendReset(const Actor& actor, Id id) {
  return db_.Write([&](Connection& c) -> Status {
    auto found = store::FindUserById(c, id);
    if (!found) return Error::NotFound("no such user");
    if (!found->user.active) return Error::Conflict("this account is deactivated; reactivate it first", "active");
    const std::int64_t now = clock_.NowMs();
    mail::Enqueue(c, ids_, {.kind = kMailReset, .user_id = id}, now);
    audit::Record(c, {ids_.Next(), actor.user_id, "user.send_password_reset", "user", id, "{}", actor.ip, now});
    return OkStatus();
  });
}

Status AccountLinks::RequestReset(std::string_view email, std::string_view client_ip) {
  std::string trimmed(text::Trim(email));
  if (!text::LooksLikeEmail(trimmed)) return Error::Invalid("email", "email is not a valid e-mail address").Because("not_email");
  if (int wait = per_ip_.Admit("ip:" + std::string(client_ip)); wait > 0) return Error::RateLimited(wait);
  const std::string key = text::EmailKey(trimmed);
  // Too many requests for one address: the same answer, and no more mail to it.
  if (per_address_.Admit("address:" + key) > 0) return OkStatus();
  // Single sign-on only: a reset would give a password that cannot be used (the same answer).
  if (!identity_.PasswordSignInAllowed(trimmed)) return OkStatus();
  boost::json::object payload{{"email_key", key}};
  db_.Write([&](Connection& c) {
    mail::Enqueue(c, ids_, {.kind = kMailResetRequest, .payload = boost::json::serialize(payload)}, clock_.NowMs());
  });
  return OkStatus();
}

Result<LinkInfo> AccountLinks::Lookup(std::string_view token) {
  return db_.Read([&](Connection& c) -> Result<LinkInfo> {
    auto found = FindToken(c, token, clock_.NowMs());
    if (!found) return Error::NotFound("this link is unknown, used or expired");
    auto user = store::FindUserById(c, found->user);
    if (!user || !user->user.active) return Error::NotFound("this link is unknown, used or expired");
    return LinkInfo{found->purpose, user->user.email, user->user.display_name, found->expires_at};
  });
}

Result<SignIn> AccountLinks::Use(std::string_view token, std::string_view password, const ClientInfo& client) {
  if (auto st = ValidatePassword(password, "password"); !st) return st.error();
  if (!Lookup(token)) return Error::NotFound("this link is unknown, used or expired");
  const std::string hash = identity_.hasher().Hash(password);  // slow: outside the write lock
  auto result = db_.Write([&](Connection& c) -> Result<SignIn> {
    const std::int64_t now = clock_.NowMs();
    auto found = FindToken(c, token, now);  // again: it may have been spent meanwhile
    if (!found) return Error::NotFound("this link is unknown, used or expired");
    auto user = store::FindUserById(c, found->user);
    if (!user || !user->user.active) return Error::NotFound("this link is unknown, used or expired");
    const bool had_password = user->password_hash.has_value();
    store::UpdatePasswordHash(c, found->user, hash, now);
    c.Prepare(kDeleteOfUser, found->user).Run();
    auto ended = store::DeleteSessionsOfUser(c, found->user, 0);
    const char* action = found->purpose == LinkPurpose::kActivate ? "user.activate" : "user.reset_password";
    audit::Record(c, {ids_.Next(), found->user, action, "user", found->user,
                      boost::json::serialize(boost::json::object{{"sessions_ended", ended}}), client.ip, now});
    if (had_password) mail::Enqueue(c, ids_, {.kind = kMailPasswordChanged, .user_id = found->user}, now);
    auto signed_in = store::FindUserById(c, found->user)->user;
    return identity_.StartSession(c, signed_in, client);
  });
  if (result && bus_)  // every other sign-in ended; cached credentials carry "activated"
    bus_->Publish({.kind = bus::Event::Kind::kAccessChanged, .actor = result->user.id, .people = {result->user.id}});
  return result;
}

}  // namespace agora::identity
