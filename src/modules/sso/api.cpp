#include "modules/sso/api.h"

#include "core/log.h"
#include "http/response.h"
#include "modules/identity/api.h"

namespace agora::sso {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

// Binds a sign-in to the browser that began it. Sent back only to the callback; SameSite=Lax
// so that it comes along when the provider sends the browser back (a top-level GET).
constexpr std::string_view kBrowserCookie = "agora_sso";

Response Redirect(const std::string& location) {
  Response r;
  r.status = 302;
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", location);
  return r;
}

std::string BrowserCookie(const std::string& value, int max_age, bool secure) {
  return std::string(kBrowserCookie) + "=" + value + "; Path=/api/v1/auth/sso; Max-Age=" + std::to_string(max_age) +
         "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

}  // namespace

void RegisterApi(http::Router& router, SsoService& service, const AuthConfig& auth) {
  router.Add(Method::kGet, "/api/v1/auth/providers",
             {.access = Access::kPublic},
             [&service](Request&) {
               boost::json::array items;
               for (const auto& p : service.Providers())
                 items.push_back({{"id", p.id}, {"name", p.name}, {"start_url", "/api/v1/auth/sso/" + p.id + "/start"}});
               return http::Json(200, {{"items", std::move(items)}, {"password", service.PasswordsAllowed()}});
             });

  router.Add(Method::kGet, "/api/v1/auth/sso/{provider}/start",
             {.access = Access::kPublic, .work = http::Work::kOutbound},
             [&service, &auth](Request& req) {
               std::string provider(req.Param("provider"));
               auto r = service.Start(provider, req.Query("return_to"), req.client_ip);
               if (!r) {
                 if (r.error().code == ErrorCode::kNotFound || r.error().code == ErrorCode::kRateLimited)
                   return http::Problem(r.error());
                 log::Warn("single sign-on could not start", {{"provider", provider}, {"error", r.error().message}});
                 return Redirect("/signin?sso_error=unavailable&provider=" + UrlEscape(provider));
               }
               Response out = Redirect(r->url);
               out.headers.emplace_back("Set-Cookie", BrowserCookie(r->browser_token, static_cast<int>(SsoService::kFlowMs / 1000), auth.cookie_secure));
               return out;
             });

  router.Add(Method::kGet, "/api/v1/auth/sso/{provider}/callback",
             {.access = Access::kPublic, .work = http::Work::kOutbound},
             [&service, &auth](Request& req) {
               std::string provider(req.Param("provider"));
               SsoService::Callback cb{req.Query("code"), req.Query("state"), req.Query("error"),
                                       std::string(req.Cookie(kBrowserCookie))};
               auto outcome = service.Finish(provider, cb, identity::ClientOf(req));
               Response out;
               if (auto* failed = std::get_if<SsoError>(&outcome)) {
                 log::Warn("single sign-on refused", {{"provider", provider}, {"reason", std::string(FailureCode(failed->failure))},
                                                      {"detail", failed->detail}});
                 out = Redirect("/signin?sso_error=" + std::string(FailureCode(failed->failure)) + "&provider=" + UrlEscape(provider));
               } else {
                 auto& done = std::get<SsoService::Finished>(outcome);
                 // The session cookie of a sign-in, then on to where the person was going.
                 out = identity::SignInResponse(200, done.sign_in, auth);
                 out.status = 302;
                 out.body.clear();
                 out.content_type = "text/plain; charset=utf-8";
                 out.headers.emplace_back("Location", done.return_to);
               }
               out.headers.emplace_back("Set-Cookie", BrowserCookie("", 0, auth.cookie_secure));
               return out;
             });
}

}  // namespace agora::sso
