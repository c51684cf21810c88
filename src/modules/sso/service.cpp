#include "modules/sso/service.h"

#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "core/log.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/identity/store.h"
#include "modules/people/store.h"
#include "modules/sso/store.h"

namespace agora::sso {
namespace {

std::string Hex(std::string_view secret) { return crypto::ToHex(crypto::Sha256(secret)); }

std::string StringClaim(const boost::json::object& claims, const std::string& name) {
  if (name.empty()) return {};
  const auto* v = claims.if_contains(name);
  return v && v->is_string() ? std::string(text::Trim(v->as_string())) : std::string();
}

bool ClaimHas(const boost::json::object& claims, const std::string& name, const std::string& value) {
  const auto* v = claims.if_contains(name);
  if (!v) return false;
  if (v->is_string()) return v->as_string() == value;
  if (v->is_array())
    for (const auto& x : v->as_array())
      if (x.is_string() && x.as_string() == value) return true;
  return false;
}

std::vector<std::string> SplitList(const std::string& list) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(list);
  while (std::getline(in, item, ','))
    if (auto t = text::AsciiLower(text::Trim(item)); !t.empty()) out.push_back(t);
  return out;
}

// Member or guest, for an account made at its first sign-in.
identity::Role RoleFor(const OidcProviderConfig& p, const std::string& email, const boost::json::object& claims) {
  if (!p.guest_claim.empty()) {
    auto eq = p.guest_claim.find('=');
    if (ClaimHas(claims, p.guest_claim.substr(0, eq), p.guest_claim.substr(eq + 1))) return identity::Role::kGuest;
  }
  auto domains = SplitList(p.member_domains);
  if (domains.empty()) return identity::Role::kMember;
  std::string domain = text::AsciiLower(email.substr(email.rfind('@') + 1));
  for (const auto& d : domains)
    if (domain == d) return identity::Role::kMember;
  return identity::Role::kGuest;
}

SsoError Fail(Failure f, std::string detail) { return {f, std::move(detail)}; }

}  // namespace

std::string_view FailureCode(Failure f) {
  switch (f) {
    case Failure::kCancelled: return "cancelled";
    case Failure::kExpired: return "expired";
    case Failure::kRefused: return "refused";
    case Failure::kNoAccount: return "no_account";
    case Failure::kDeactivated: return "deactivated";
    case Failure::kUnavailable: return "unavailable";
  }
  return "refused";
}

std::string SafeReturnPath(std::string_view path) {
  if (path.empty() || path.size() > 1000 || path[0] != '/' || path.starts_with("//") || path.starts_with("/\\"))
    return "/";
  for (unsigned char ch : path)
    if (ch < 0x20 || ch == 0x7f || ch == '\\') return "/";
  return std::string(path);
}

Status SsoService::Validate(Config& config) {
  for (auto& p : config.oidc) {
    const std::string key = "oidc." + p.id;
    if (p.issuer.empty()) return Error::Invalid(key + ".issuer", key + ".issuer is required");
    if (p.client_id.empty()) return Error::Invalid(key + ".client_id", key + ".client_id is required");
    if (p.issuer.rfind("https://", 0) != 0 && !IsLoopbackUrl(p.issuer))
      return Error::Invalid(key + ".issuer", key + ".issuer must be an https:// URL (http:// only on this machine, for trials)");
    if (!p.client_secret_file.empty()) {
      std::ifstream in(p.client_secret_file);
      std::string secret;
      if (!in || !std::getline(in, secret))
        return Error::Invalid(key + ".client_secret_file", "cannot read " + key + ".client_secret_file " + p.client_secret_file);
      p.client_secret = std::string(text::Trim(secret));
    }
    if (p.client_secret.empty())
      return Error::Invalid(key + ".client_secret", key + ".client_secret or client_secret_file is required");
    if (p.name.empty()) p.name = p.id;
  }
  if (!config.auth.local_passwords && config.auth.break_glass_admin.empty())
    log::Warn("auth.local_passwords is false and no auth.break_glass_admin is set: nobody can sign in with a password");
  return OkStatus();
}

SsoService::SsoService(agora::store::Database& db, IdGenerator& ids, const Clock& clock,
                       identity::IdentityService& identity, const Config& config, bus::Bus* bus)
    : db_(db),
      ids_(ids),
      clock_(clock),
      identity_(identity),
      bus_(bus),
      public_url_(config.http.public_url),
      // A directory's passwords count: its people sign in with them (ldap.sign_in).
      local_passwords_(config.auth.local_passwords || (config.ldap.sign_in && !config.ldap.url.empty())),
      starts_per_ip_(clock, 30, 60 * 1000) {
  for (const auto& p : config.oidc) providers_.push_back(std::make_unique<Provider>(p, p.client_secret, clock));
}

std::vector<SsoService::ProviderInfo> SsoService::Providers() const {
  std::vector<ProviderInfo> out;
  for (const auto& p : providers_) out.push_back({p->config().id, p->config().name});
  return out;
}

Provider* SsoService::Find(std::string_view id) const {
  for (const auto& p : providers_)
    if (p->config().id == id) return p.get();
  return nullptr;
}

std::string SsoService::RedirectUri(std::string_view provider) const {
  return public_url_ + "/api/v1/auth/sso/" + std::string(provider) + "/callback";
}

Result<SsoService::Redirect> SsoService::Start(std::string_view provider_id, std::string_view return_to,
                                               const std::string& ip) {
  Provider* p = Find(provider_id);
  if (!p) return Error::NotFound("no such identity provider");
  if (int wait = starts_per_ip_.Admit(ip); wait > 0) return Error::RateLimited(wait);
  auto d = p->Discover();
  if (!d) return d.error();
  const std::string state = crypto::RandomToken(), nonce = crypto::RandomToken(), verifier = crypto::RandomToken(),
                    browser = crypto::RandomToken();
  const auto now = clock_.NowMs();
  db_.Write([&](agora::store::Connection& c) {
    store::DeleteExpiredFlows(c, now);
    store::InsertFlow(c, Hex(state),
                      {std::string(provider_id), Hex(browser), nonce, verifier, SafeReturnPath(return_to), now + kFlowMs});
  });
  return Redirect{p->AuthorizationUrl(*d, RedirectUri(provider_id), state, nonce, verifier), browser};
}

std::variant<SsoService::Finished, SsoError> SsoService::Finish(std::string_view provider_id, const Callback& cb,
                                                                const identity::ClientInfo& client) {
  Provider* p = Find(provider_id);
  if (!p) return Fail(Failure::kRefused, "unknown provider");
  if (cb.state.empty()) return Fail(Failure::kExpired, "no state");
  auto flow = db_.Write([&](agora::store::Connection& c) { return store::TakeFlow(c, Hex(cb.state)); });
  if (!flow || flow->expires_at <= clock_.NowMs() || flow->provider != provider_id)
    return Fail(Failure::kExpired, "unknown or expired state");
  if (cb.browser_token.empty() || !crypto::ConstantTimeEquals(Hex(cb.browser_token), flow->browser_hash))
    return Fail(Failure::kExpired, "the sign-in began in another browser");
  // access_denied: the person cancelled (or may not use this application): nothing to log loudly.
  if (!cb.error.empty())
    return Fail(cb.error == "access_denied" ? Failure::kCancelled : Failure::kRefused, "provider error " + cb.error);
  if (cb.code.empty()) return Fail(Failure::kRefused, "no code");

  auto d = p->Discover();
  if (!d) return Fail(Failure::kUnavailable, d.error().message);
  auto tokens = p->ExchangeCode(*d, cb.code, RedirectUri(provider_id), flow->code_verifier);
  if (!tokens)
    return Fail(tokens.error().code == ErrorCode::kUnavailable ? Failure::kUnavailable : Failure::kRefused,
                tokens.error().message);
  auto claims = p->Claims(*d, *tokens, flow->nonce);
  if (!claims)
    return Fail(claims.error().code == ErrorCode::kUnavailable ? Failure::kUnavailable : Failure::kRefused,
                claims.error().message);
  auto user = Account(*p, *claims, client.ip);
  if (!user) {
    Failure f = user.error().code == ErrorCode::kForbidden && user.error().field == "active" ? Failure::kDeactivated
                                                                                                : Failure::kNoAccount;
    return Fail(f, user.error().message);
  }
  Finished done;
  done.return_to = flow->return_to;
  done.sign_in = db_.Write([&](agora::store::Connection& c) {
    auto s = identity_.StartSession(c, *user, client);
    store::SetSessionProvider(c, s.session.id, p->config().id);
    return s;
  });
  return done;
}

Result<identity::User> SsoService::Account(const Provider& p, const boost::json::object& claims, std::string_view ip) {
  const auto& cfg = p.config();
  const std::string subject = StringClaim(claims, "sub");
  const std::string email = StringClaim(claims, cfg.claim_email);
  const auto* verified_claim = claims.if_contains("email_verified");
  const bool email_verified = cfg.trust_email || (verified_claim && verified_claim->is_bool() && verified_claim->as_bool()) ||
                              (verified_claim && verified_claim->is_string() && verified_claim->as_string() == "true");
  std::string name = StringClaim(claims, cfg.claim_name);
  const std::string title = StringClaim(claims, cfg.claim_title), department = StringClaim(claims, cfg.claim_department),
                    manager_email = StringClaim(claims, cfg.claim_manager);
  bool created = false, renamed = false, profile_changed = false;

  auto result = db_.Write([&](agora::store::Connection& c) -> Result<identity::User> {
    const auto now = clock_.NowMs();
    std::optional<identity::User> user;
    if (auto id = store::FindLinkedUser(c, cfg.id, subject)) {
      if (auto found = identity::store::FindUserById(c, *id)) user = found->user;
      store::TouchLink(c, cfg.id, subject, now);
    }
    if (!user && !email.empty() && email_verified) {
      if (auto found = identity::FindAccountByEmail(c, email)) {
        user = *found;
        store::Link(c, cfg.id, subject, user->id, now);
        audit::Record(c, {ids_.Next(), user->id, "sso.link", "user", user->id,
                          "{\"provider\":\"" + cfg.id + "\"}", std::string(ip), now});
      }
    }
    if (!user) {
      if (email.empty() || !email_verified)
        return Error::Forbidden("the provider did not vouch for an e-mail address (" + cfg.claim_email +
                                ", email_verified), so no account could be matched");
      if (!cfg.create_accounts) return Error::Forbidden("no account has the address the provider sent");
      if (name.empty()) name = email.substr(0, email.find('@'));
      auto made = identity::InsertAccount(c, ids_, now, {email, name, RoleFor(cfg, email, claims), ""}, std::nullopt);
      if (!made) return made.error();
      user = *made;
      created = true;
      store::Link(c, cfg.id, subject, user->id, now);
      audit::Record(c, {ids_.Next(), user->id, "sso.account_created", "user", user->id,
                        "{\"provider\":\"" + cfg.id + "\",\"role\":\"" + std::string(identity::RoleName(user->role)) + "\"}",
                        std::string(ip), now});
    }
    if (!user->active) return Error{ErrorCode::kForbidden, "the account is deactivated", "active", 0};
    // What the provider knows of the person, kept up to date at each sign-in.
    if (auto normal = identity::NormalizeDisplayName(name); !name.empty() && normal && *normal != user->display_name &&
                                                            identity::RenameAccount(c, user->id, *normal, now)) {
      user->display_name = *normal;
      renamed = true;
    }
    if (!cfg.claim_title.empty() || !cfg.claim_department.empty() || !cfg.claim_manager.empty()) {
      auto profile = people::store::LoadProfile(c, user->id);
      if (profile) {
        auto next = *profile;
        if (!cfg.claim_title.empty()) next.title = title;
        if (!cfg.claim_department.empty()) next.department = department;
        if (next.title != profile->title || next.department != profile->department) {
          people::store::SaveProfile(c, next, now);
          profile_changed = true;
        }
        if (!cfg.claim_manager.empty()) {
          std::optional<Id> manager;
          if (!manager_email.empty())
            if (auto m = identity::FindAccountByEmail(c, manager_email); m && m->id != user->id) manager = m->id;
          if (people::store::ManagerOf(c, user->id) != manager) {
            people::store::SetManager(c, user->id, manager, now);
            profile_changed = true;
          }
        }
      }
    }
    return *user;
  });
  if (result && bus_) {
    if (renamed) bus_->Publish({.kind = bus::Event::Kind::kAccountChanged, .people = {result->id}});
    if (profile_changed || created || renamed) bus_->Publish({.kind = bus::Event::Kind::kProfileChanged, .people = {result->id}});
  }
  if (result && created)
    log::Info("account created at first single sign-on", {{"provider", cfg.id}, {"user_id", std::to_string(result->id)}});
  return result;
}

std::optional<std::string> SsoService::EndSessionUrl(const identity::Principal& principal) {
  if (principal.kind != identity::CredentialKind::kSession || providers_.empty()) return std::nullopt;
  auto provider_id = db_.Read([&](agora::store::Connection& c) { return store::SessionProvider(c, principal.credential_id); });
  Provider* p = Find(provider_id);
  if (!p) return std::nullopt;
  auto d = p->Discover();
  if (!d || d->end_session_endpoint.empty()) return std::nullopt;
  // RP-Initiated Logout 1.0 with client_id (no ID token kept): the provider may ask the
  // person to confirm, then comes back to the sign-in page.
  std::string url = d->end_session_endpoint;
  url += (url.find('?') == std::string::npos ? '?' : '&');
  url += "client_id=" + UrlEscape(p->config().client_id) + "&post_logout_redirect_uri=" + UrlEscape(public_url_ + "/signin");
  return url;
}

}  // namespace agora::sso
