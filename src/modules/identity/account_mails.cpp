#include "modules/identity/account_mails.h"

#include <boost/json.hpp>

#include "i18n/messages.h"
#include "modules/identity/account_links.h"
#include "modules/identity/store.h"

namespace agora::identity {
namespace {

using agora::store::Connection;

using messages::Format;

mail::Letter To(Connection& c, const User& u) { return mail::LetterTo(store::LanguageOf(c, u), u.display_name, u.email); }

std::optional<mail::Message> Activate(Connection& c, const mail::Item& item, const mail::Context& ctx, std::int64_t now) {
  auto found = store::FindUserById(c, item.user_id.value_or(0));
  if (!found || !found->user.active || found->password_hash) return std::nullopt;  // activated meanwhile
  const std::string token = IssueLinkToken(c, found->user.id, LinkPurpose::kActivate, now, AccountLinks::kActivateTtlMs);
  auto l = To(c, found->user);
  const std::string& lang = l.language;
  l.subject = Format(lang, "mail.activate_subject", {{"site", ctx.SiteName(lang)}});
  l.paragraphs = {ctx.organization.empty() ? Format(lang, "mail.activate_intro_unnamed")
                                           : Format(lang, "mail.activate_intro", {{"organization", ctx.organization}}),
                  Format(lang, "mail.activate_address", {{"email", found->user.email}})};
  l.action = mail::Letter::Action{Format(lang, "mail.activate_action"), ctx.base_url + "/activate#token=" + token};
  l.note = Format(lang, "mail.activate_note");
  return mail::Render(ctx, l);
}

std::optional<mail::Message> Reset(const User& u, Connection& c, const mail::Context& ctx, std::int64_t now, std::int64_t ttl) {
  const std::string token = IssueLinkToken(c, u.id, LinkPurpose::kReset, now, ttl);
  auto l = To(c, u);
  const std::string& lang = l.language;
  l.subject = Format(lang, "mail.reset_subject", {{"site", ctx.SiteName(lang)}});
  l.paragraphs = {Format(lang, "mail.reset_intro", {{"email", u.email}})};
  l.action = mail::Letter::Action{Format(lang, "mail.reset_action"), ctx.base_url + "/reset#token=" + token};
  l.note = Format(lang, "mail.reset_note", {{"hours", ttl / (3600 * 1000)}});
  return mail::Render(ctx, l);
}

}  // namespace

void RegisterMails(mail::Worker& worker, const Clock& clock) {
  worker.Register(kMailActivate, [&clock](Connection& c, const mail::Item& item, const mail::Context& ctx) {
    return Activate(c, item, ctx, clock.NowMs());
  });
  worker.Register(kMailReset, [&clock](Connection& c, const mail::Item& item, const mail::Context& ctx)
                                  -> std::optional<mail::Message> {
    auto found = store::FindUserById(c, item.user_id.value_or(0));
    if (!found || !found->user.active) return std::nullopt;
    return Reset(found->user, c, ctx, clock.NowMs(), AccountLinks::kAdminResetTtlMs);
  });
  worker.Register(kMailResetRequest, [&clock](Connection& c, const mail::Item& item, const mail::Context& ctx)
                                         -> std::optional<mail::Message> {
    boost::system::error_code ec;
    auto payload = boost::json::parse(item.payload, ec);
    if (ec || !payload.is_object() || !payload.as_object().contains("email_key")) return std::nullopt;
    // The mail goes to the account's own address, never to what was typed.
    auto found = store::FindUserByEmailKey(c, std::string(payload.at("email_key").as_string()));
    if (!found || !found->user.active) return std::nullopt;
    return Reset(found->user, c, ctx, clock.NowMs(), AccountLinks::kResetTtlMs);
  });
  worker.Register(kMailPasswordChanged, [](Connection& c, const mail::Item& item, const mail::Context& ctx)
                                            -> std::optional<mail::Message> {
    auto found = store::FindUserById(c, item.user_id.value_or(0));
    if (!found || !found->user.active) return std::nullopt;
    auto l = To(c, found->user);
    const std::string& lang = l.language;
    l.subject = Format(lang, "mail.password_changed_subject", {{"site", ctx.SiteName(lang)}});
    l.paragraphs = {Format(lang, "mail.password_changed_intro", {{"email", found->user.email}}),
                    Format(lang, "mail.password_changed_advice")};
    l.action = mail::Letter::Action{Format(lang, "mail.password_changed_action"), ctx.base_url + "/forgot"};
    return mail::Render(ctx, l);
  });
}

}  // namespace agora::identity
