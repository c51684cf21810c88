#include "modules/communities/invitations.h"

#include "core/crypto.h"
#include "core/languages.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/communities/store.h"
#include "i18n/messages.h"
#include "modules/identity/service.h"
#include "modules/identity/store.h"
#include "modules/mail/outbox.h"

#include <boost/json.hpp>

namespace agora::communities {
namespace {

using agora::store::Connection;

constexpr const char* kInsert =
    "INSERT INTO community_invitations (id, community_id, email, token_hash, invited_by, created_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kFind =
    "SELECT i.id, i.community_id, i.email, i.expires_at, co.name FROM community_invitations i"
    " JOIN communities co ON co.id = i.community_id WHERE i.token_hash = ?1 AND i.accepted_at IS NULL AND i.expires_at > ?2";
constexpr const char* kPending =
    "SELECT co.name, u.display_name, i.expires_at, u.language FROM community_invitations i JOIN communities co ON co.id = i.community_id"
    " JOIN users u ON u.id = i.invited_by WHERE i.id = ?1 AND i.accepted_at IS NULL AND i.expires_at > ?2";
constexpr const char* kAccepted = "UPDATE community_invitations SET accepted_at = ?2 WHERE id = ?1";

struct Found {
  Id id = 0, community = 0;
  std::string email, community_name;
  std::int64_t expires_at = 0;
};

std::optional<Found> Find(Connection& c, std::string_view token, std::int64_t now) {
  auto q = c.Prepare(kFind, crypto::ToHex(crypto::Sha256(token)), now);
  if (!q.Next()) return std::nullopt;
  return Found{q.Int(0), q.Int(1), q.Text(2), q.Text(4), q.Int(3)};
}

}  // namespace

Result<EmailInvitation> InvitationService::Invite(const identity::Principal& who, std::string_view community,
                                                  std::string_view raw_email) {
  std::string email(text::Trim(raw_email));
  if (email.size() > 254 || email.find('@') == std::string::npos || email.find(' ') != std::string::npos ||
      !text::IsValidUtf8(email))
    return Error::Invalid("email", "not an e-mail address");
  auto existing = db_.Read([&](Connection& c) { return identity::FindAccountByEmail(c, email); });
  if (existing) {
    auto m = communities_.Invite(who, community, existing->id);
    if (!m) {
      // The person's id is not what the inviter sent: name the field they did.
      auto e = m.error();
      if (e.field == "person_id") e.field = "email";
      return e;
    }
    return EmailInvitation{email, *m, "", 0};
  }
  const std::int64_t now = clock_.NowMs();
  EmailInvitation out{email, std::nullopt, crypto::RandomToken(), now + kTtlMs};
  auto st = db_.Write([&](Connection& c) -> Status {
    auto found = store::FindVisible(c, {who.user.id, who.user.role}, community);
    if (!found) return found.error();
    const Community* x = &found->community;
    if (!found->mine || !found->mine->manages()) return Error::Forbidden("only its owners and moderators invite people");
    if (!x->allow_guests)
      return Error::Invalid("email", "no account has this address, and this community does not allow guests");
    const Id invitation = ids_.Next();
    c.Prepare(kInsert, invitation, x->id, email, crypto::ToHex(crypto::Sha256(out.token)), who.user.id, now, out.expires_at)
        .Run();
    // The mail carries the link: its token waits in the outbox until sent (then it is
    // emptied); the renderer checks the invitation still stands.
    boost::json::object payload{{"invitation_id", IdToString(invitation)}, {"token", out.token}};
    mail::Enqueue(c, ids_, {.kind = kMailInvitation, .address = email, .payload = boost::json::serialize(payload)}, now);
    audit::Record(c, {ids_.Next(), who.user.id, "community.invite_email", "community", x->id, "{}", "", now});
    return OkStatus();
  });
  if (!st) return st.error();
  return out;
}

Result<InvitationInfo> InvitationService::Lookup(std::string_view token) {
  auto found = db_.Read([&](Connection& c) { return Find(c, token, clock_.NowMs()); });
  if (!found) return Error::NotFound("this invitation is unknown, used or expired");
  return InvitationInfo{found->community_name, found->email, found->expires_at};
}

Result<identity::User> InvitationService::Accept(std::string_view token, std::string_view display_name,
                                                 std::string_view password) {
  identity::NewAccount account;
  account.display_name = std::string(display_name);
  account.password = std::string(password);
  account.role = identity::Role::kGuest;
  const std::int64_t now = clock_.NowMs();
  auto found = db_.Read([&](Connection& c) { return Find(c, token, now); });
  if (!found) return Error::NotFound("this invitation is unknown, used or expired");
  account.email = found->email;
  if (auto st = identity::ValidateNewAccount(account); !st) return st.error();
  const std::string hash = hasher_.Hash(password);  // slow on purpose: outside the write lock
  auto user = db_.Write([&](Connection& c) -> Result<identity::User> {
    auto again = Find(c, token, now);  // another tab may have used it meanwhile
    if (!again) return Error::NotFound("this invitation is unknown, used or expired");
    auto u = identity::InsertAccount(c, ids_, now, account, hash);
    if (!u) return u.error();
    Membership m;
    m.community_id = again->community;
    m.person_id = u->id;
    m.role = Role::kMember;
    m.state = State::kActive;
    m.created_at = m.updated_at = now;
    store::PutMembership(c, m);
    c.Prepare(kAccepted, again->id, now).Run();
    audit::Record(c, {ids_.Next(), u->id, "community.accept_email", "community", again->community, "{}", "", now});
    return u;
  });
  return user;
}

void RegisterInvitationMail(mail::Worker& worker, const Clock& clock) {
  worker.Register(kMailInvitation, [&clock](Connection& c, const mail::Item& item, const mail::Context& ctx)
                                       -> std::optional<mail::Message> {
    boost::system::error_code ec;
    auto payload = boost::json::parse(item.payload, ec);
    if (ec || !payload.is_object()) return std::nullopt;
    const auto& o = payload.as_object();
    auto id = o.contains("invitation_id") ? ParseId(o.at("invitation_id").as_string()) : std::nullopt;
    if (!id || !o.contains("token")) return std::nullopt;
    auto q = c.Prepare(kPending, *id, clock.NowMs());
    if (!q.Next()) return std::nullopt;  // accepted, withdrawn or expired meanwhile
    const std::string community = q.Text(0), inviter = q.Text(1), inviters_language = q.Text(3);
    // The invited person has no account and so no language yet: they get the one their
    // inviter reads Agora in (who knows them), else the site's.
    mail::Letter l{.language = languages::IsSupported(inviters_language) ? inviters_language : identity::store::SiteLanguage(c),
                   .to_address = item.address};
    const std::string& lang = l.language;
    const std::string site = ctx.SiteName(lang);
    l.subject = messages::Format(lang, "mail.invitation_subject", {{"inviter", inviter}, {"community", community}, {"site", site}});
    l.paragraphs = {messages::Format(lang, "mail.invitation_intro", {{"inviter", inviter}, {"community", community}, {"site", site}}),
                    messages::Format(lang, "mail.invitation_accept", {{"email", item.address}})};
    l.action = mail::Letter::Action{messages::Format(lang, "mail.invitation_action"),
                                    ctx.base_url + "/invite#token=" + std::string(o.at("token").as_string())};
    l.note = messages::Format(lang, "mail.invitation_note", {{"inviter", inviter}});
    return mail::Render(ctx, l);
  });
}

}  // namespace agora::communities
