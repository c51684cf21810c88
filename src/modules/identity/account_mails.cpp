#include "modules/identity/account_mails.h"

#include <boost/json.hpp>

#include "modules/identity/account_links.h"
#include "modules/identity/store.h"

namespace agora::identity {
namespace {

using agora::store::Connection;

mail::Letter To(const User& u, std::string subject) { return mail::LetterTo(u.display_name, u.email, std::move(subject)); }

std::optional<mail::Message> Activate(Connection& c, const mail::Item& item, const mail::Context& ctx, std::int64_t now) {
  auto found = store::FindUserById(c, item.user_id.value_or(0));
  if (!found || !found->user.active || found->password_hash) return std::nullopt;  // activated meanwhile
  const std::string token = IssueLinkToken(c, found->user.id, LinkPurpose::kActivate, now, AccountLinks::kActivateTtlMs);
  auto l = To(found->user, "Your account on " + ctx.SiteName() + " is ready");
  l.paragraphs = {(ctx.organization.empty() ? std::string("Your organization") : ctx.organization) +
                      " has made you an account on Agora, where its people share news, find each other and work "
                      "together in communities.",
                  "You sign in with this address, " + found->user.email + ". Choose your password to start."};
  l.action = mail::Letter::Action{"Choose your password", ctx.base_url + "/activate#token=" + token};
  l.note = "This link works once, for 7 days. If it has expired, ask your administrator for a new one.";
  return mail::Render(ctx, l);
}

std::optional<mail::Message> Reset(const User& u, Connection& c, const mail::Context& ctx, std::int64_t now,
                                   std::int64_t ttl, const std::string& how_long) {
  const std::string token = IssueLinkToken(c, u.id, LinkPurpose::kReset, now, ttl);
  auto l = To(u, "Reset your password on " + ctx.SiteName());
  l.paragraphs = {"Someone (we hope you) asked to reset the password of your account, " + u.email + "."};
  l.action = mail::Letter::Action{"Choose a new password", ctx.base_url + "/reset#token=" + token};
  l.note = "This link works once, for " + how_long +
           ". If you did not ask for it, ignore this mail: your password stays as it is.";
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
    return Reset(found->user, c, ctx, clock.NowMs(), AccountLinks::kAdminResetTtlMs, "24 hours");
  });
  worker.Register(kMailResetRequest, [&clock](Connection& c, const mail::Item& item, const mail::Context& ctx)
                                         -> std::optional<mail::Message> {
    boost::system::error_code ec;
    auto payload = boost::json::parse(item.payload, ec);
    if (ec || !payload.is_object() || !payload.as_object().contains("email_key")) return std::nullopt;
    // The mail goes to the account's own address, never to what was typed.
    auto found = store::FindUserByEmailKey(c, std::string(payload.at("email_key").as_string()));
    if (!found || !found->user.active) return std::nullopt;
    return Reset(found->user, c, ctx, clock.NowMs(), AccountLinks::kResetTtlMs, "1 hour");
  });
  worker.Register(kMailPasswordChanged, [](Connection& c, const mail::Item& item, const mail::Context& ctx)
                                            -> std::optional<mail::Message> {
    auto found = store::FindUserById(c, item.user_id.value_or(0));
    if (!found || !found->user.active) return std::nullopt;
    auto l = To(found->user, "Your password on " + ctx.SiteName() + " was changed");
    l.paragraphs = {"The password of your account, " + found->user.email +
                        ", was just changed, and every other browser and app signed in with it was signed out.",
                    "If this was not you, choose a new password now with \"Forgot password?\" on the sign-in page, "
                    "and tell your administrator."};
    l.action = mail::Letter::Action{"Go to the sign-in page", ctx.base_url + "/forgot"};
    return mail::Render(ctx, l);
  });
}

}  // namespace agora::identity
