#include "modules/identity/api.h"

#include "core/clock.h"
#include "core/json.h"
#include "core/languages.h"
#include "http/response.h"
#include "modules/identity/json.h"

namespace agora::identity {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

constexpr std::int64_t kSmallBody = 64 * 1024;
constexpr std::string_view kCookieName = "agora_session";
// Marks a browser that has signed in before (login_limiter.h). Sent only to the sign-in
// routes, kept for a year, renewed by each sign-in.
constexpr std::string_view kDeviceCookieName = "agora_device";
constexpr std::int64_t kDeviceCookieSeconds = 365LL * 24 * 3600;

std::string SessionCookie(const std::string& value, std::int64_t max_age_s, bool secure) {
  return std::string(kCookieName) + "=" + value + "; Path=/; Max-Age=" + std::to_string(max_age_s) +
         "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

}  // namespace

http::Response SignInResponse(int status, const SignIn& s, const AuthConfig& auth) {
  Response r;
  if (!s.two_factor_challenge.empty()) {
    // No session yet: the client sends the challenge back with a code (POST /api/v1/auth/login/code).
    r = http::Json(202, {{"two_factor_required", true}, {"challenge", s.two_factor_challenge}});
  } else {
    r = http::Json(status, {{"user", json::UserJson(s.user)},
                            {"csrf_token", s.csrf_token},
                            {"expires_at", FormatRfc3339(s.session.expires_at)}});
    r.headers.emplace_back("Set-Cookie", SessionCookie(s.cookie_token, std::int64_t{auth.session_ttl_hours} * 3600,
                                                       auth.cookie_secure));
  }
  if (!s.device_token.empty())
    r.headers.emplace_back("Set-Cookie", std::string(kDeviceCookieName) + "=" + s.device_token + "; Path=/api/v1/auth; Max-Age=" +
                                             std::to_string(kDeviceCookieSeconds) + "; HttpOnly; SameSite=Strict" +
                                             (auth.cookie_secure ? "; Secure" : ""));
  return r;
}

ClientInfo ClientOf(const http::Request& req) {
  return {req.client_ip, std::string(req.user_agent), std::string(req.Cookie(kDeviceCookieName))};
}

void RegisterApi(http::Router& router, IdentityService& service, const AuthConfig& auth, EndSessionUrl end_session_url) {
  router.Add(Method::kGet, "/api/v1/auth/setup", {.access = Access::kPublic},
             [&service](Request&) { return http::Json(200, {{"needed", service.NeedsSetup()}}); });

  router.Add(Method::kPost, "/api/v1/auth/setup",
             {.access = Access::kPublic, .max_body_bytes = kSmallBody, .work = http::Work::kPassword},
             [&service, &auth](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"token", "email", "display_name", "password"}); !st)
                 return http::Problem(st.error());
               auto token = agora::json::RequiredString(*body, "token");
               if (!token) return http::Problem(token.error());
               NewAccount a;
               for (auto [field, out] : {std::pair{"email", &a.email}, {"display_name", &a.display_name}, {"password", &a.password}}) {
                 auto v = agora::json::RequiredString(*body, field);
                 if (!v) return http::Problem(v.error());
                 *out = *v;
               }
               auto s = service.CompleteSetup(*token, a, ClientOf(req));
               if (!s) return http::Problem(s.error());
               return SignInResponse(201, *s, auth);
             });

  router.Add(Method::kPost, "/api/v1/auth/login", {.access = Access::kPublic, .max_body_bytes = kSmallBody, .work = http::Work::kPassword},
             [&service, &auth](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto email = agora::json::RequiredString(*body, "email");
               if (!email) return http::Problem(email.error());
               auto password = agora::json::RequiredString(*body, "password");
               if (!password) return http::Problem(password.error());
               auto s = service.Login(*email, *password, ClientOf(req));
               if (!s) return http::Problem(s.error());
               return SignInResponse(200, *s, auth);
             });

  router.Add(Method::kPost, "/api/v1/auth/logout",
             {.access = Access::kUser, .max_body_bytes = kSmallBody, .work = http::Work::kOutbound},
             [&service, &auth, end_session_url](Request& req) {
               std::optional<std::string> provider_logout;
               if (end_session_url) provider_logout = end_session_url(*req.principal);  // before the session goes
               service.Logout(*req.principal);
               Response r = provider_logout ? http::Json(200, {{"end_session_url", *provider_logout}}) : http::NoContent();
               r.headers.emplace_back("Set-Cookie", SessionCookie("", 0, auth.cookie_secure));
               return r;
             });

  // Asked by the web client on every load: signed out is an answer here (user null), not an
  // error, so that a signed-out visit does not log a failed request in the browser's console.
  // `language` is the one to show this reader: their choice, else the best their browser asks
  // for (Accept-Language), else the site's default (`site_language`).
  router.Add(Method::kGet, "/api/v1/auth/session", {.access = Access::kPublic},
             [&service](Request& req) {
               const std::string site = service.SiteLanguage();
               std::string language = req.principal && !req.principal->user.language.empty()
                                          ? req.principal->user.language
                                          : std::string(languages::FromAcceptLanguage(req.accept_language, site));
               if (!req.principal)
                 return http::Json(200, {{"user", nullptr}, {"credential", nullptr}, {"language", language}, {"site_language", site}});
               const auto& p = *req.principal;
               boost::json::object o{{"user", json::UserJson(p.user)},
                                     {"credential", p.kind == CredentialKind::kSession ? "session" : "token"},
                                     {"language", language},
                                     {"site_language", site}};
               if (p.kind == CredentialKind::kSession) o["csrf_token"] = p.csrf_token;
               return http::Json(200, o);
             });

  router.Add(Method::kGet, "/api/v1/me", {.access = Access::kUser},
             [](Request& req) { return http::Json(200, json::UserJson(req.principal->user)); });

  router.Add(Method::kPatch, "/api/v1/me",
             {.access = Access::kUser, .max_body_bytes = kSmallBody},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"language"}); !st) return http::Problem(st.error());
               const auto* v = body->if_contains("language");
               if (!v) return http::Json(200, json::UserJson(req.principal->user));
               if (!v->is_null() && !v->is_string())
                 return http::Problem(Error::Invalid("language", "language is a language code such as \"sv\", or null"));
               auto user = service.SetLanguage(*req.principal, v->is_null() ? std::string_view{} : std::string_view(v->get_string()));
               return user ? http::Json(200, json::UserJson(*user)) : http::Problem(user.error());
             });

  router.Add(Method::kGet, "/api/v1/languages", {.access = Access::kPublic},
             [&service](Request&) {
               boost::json::array all;
               for (const auto& l : languages::kAll) all.push_back({{"code", l.code}, {"name", l.name}});
               return http::Json(200, {{"languages", std::move(all)}, {"default", service.SiteLanguage()}});
             });

  router.Add(Method::kPut, "/api/v1/admin/languages/default",
             {.access = Access::kAdmin, .max_body_bytes = kSmallBody},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"language"}); !st) return http::Problem(st.error());
               auto language = agora::json::RequiredString(*body, "language");
               if (!language) return http::Problem(language.error());
               auto st = service.SetSiteLanguage(*req.principal, *language, req.client_ip);
               return st ? http::NoContent() : http::Problem(st.error());
             });

  router.Add(Method::kPost, "/api/v1/auth/password",
             {.access = Access::kUser, .max_body_bytes = kSmallBody, .work = http::Work::kPassword},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto current = agora::json::RequiredString(*body, "current_password");
               if (!current) return http::Problem(current.error());
               auto next = agora::json::RequiredString(*body, "new_password");
               if (!next) return http::Problem(next.error());
               auto st = service.ChangePassword(*req.principal, *current, *next);
               return st ? http::NoContent() : http::Problem(st.error());
             });

  router.Add(Method::kGet, "/api/v1/auth/sessions", {.access = Access::kUser},
             [&service](Request& req) {
               boost::json::array items;
               Id current = req.principal->kind == CredentialKind::kSession ? req.principal->credential_id : 0;
               for (const auto& s : service.ListSessions(*req.principal)) items.push_back(json::SessionJson(s, current));
               return http::Json(200, http::Page(std::move(items), std::nullopt));
             });

  router.Add(Method::kDelete, "/api/v1/auth/sessions/{id}", {.access = Access::kUser},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto st = service.RevokeSession(*req.principal, *id);
               return st ? http::NoContent() : http::Problem(st.error());
             });

  router.Add(Method::kGet, "/api/v1/auth/tokens", {.access = Access::kUser},
             [&service](Request& req) {
               boost::json::array items;
               for (const auto& t : service.ListTokens(*req.principal)) items.push_back(json::TokenJson(t));
               return http::Json(200, http::Page(std::move(items), std::nullopt));
             });

  router.Add(Method::kPost, "/api/v1/auth/tokens",
             {.access = Access::kUser, .max_body_bytes = kSmallBody},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto name = agora::json::RequiredString(*body, "name");
               if (!name) return http::Problem(name.error());
               auto created = service.CreateToken(*req.principal, *name);
               if (!created) return http::Problem(created.error());
               auto o = json::TokenJson(created->first);
               o["token"] = created->second;
               Response r = http::Json(201, o);
               r.headers.emplace_back("Location", "/api/v1/auth/tokens/" + IdToString(created->first.id));
               return r;
             });

  router.Add(Method::kDelete, "/api/v1/auth/tokens/{id}", {.access = Access::kUser},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto st = service.RevokeToken(*req.principal, *id);
               return st ? http::NoContent() : http::Problem(st.error());
             });
}

}  // namespace agora::identity
