// Routes of account links (account_links.h). Tokens travel in request bodies, never in a
// URL: the web client reads them from the link's fragment, so they reach no access log.
#include "core/json.h"
#include "http/response.h"
#include "modules/identity/api.h"

namespace agora::identity {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

constexpr std::int64_t kSmallBody = 64 * 1024;

}  // namespace

void RegisterLinksApi(http::Router& router, AccountLinks& links, const AuthConfig& auth) {
  router.Add(Method::kPost, "/api/v1/auth/password-reset",
             {.access = Access::kPublic, .max_body_bytes = kSmallBody},
             [&links](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"email"}); !st) return http::Problem(st.error());
               auto email = agora::json::RequiredString(*body, "email");
               if (!email) return http::Problem(email.error());
               auto st = links.RequestReset(*email, req.client_ip);
               if (!st) return http::Problem(st.error());
               return http::Json(202, {{"status", "If an account has this address, a link to choose a new password is on its way."}});
             });

  router.Add(Method::kPost, "/api/v1/auth/links/lookup",
             {.access = Access::kPublic, .max_body_bytes = kSmallBody},
             [&links](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto token = agora::json::RequiredString(*body, "token");
               if (!token) return http::Problem(token.error());
               auto info = links.Lookup(*token);
               if (!info) return http::Problem(info.error());
               return http::Json(200, {{"purpose", LinkPurposeName(info->purpose)},
                                       {"email", info->email},
                                       {"display_name", info->display_name},
                                       {"expires_at", FormatRfc3339(info->expires_at)}});
             });

  router.Add(Method::kPost, "/api/v1/auth/links/use",
             {.access = Access::kPublic, .max_body_bytes = kSmallBody, .work = http::Work::kPassword},
             [&links, &auth](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"token", "password"}); !st) return http::Problem(st.error());
               auto token = agora::json::RequiredString(*body, "token");
               if (!token) return http::Problem(token.error());
               auto password = agora::json::RequiredString(*body, "password");
               if (!password) return http::Problem(password.error());
               auto s = links.Use(*token, *password, ClientOf(req));
               if (!s) return http::Problem(s.error());
               return SignInResponse(200, *s, auth);
             });

  router.Add(Method::kPost, "/api/v1/admin/users/invitations",
             {.access = Access::kAdmin, .max_body_bytes = 1024 * 1024},
             [&links](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"user_ids", "not_activated"}); !st) return http::Problem(st.error());
               auto ids = http::IdArrayField(*body, "user_ids");
               if (!ids) return http::Problem(ids.error());
               auto all = agora::json::OptionalBool(*body, "not_activated");
               if (!all) return http::Problem(all.error());
               auto queued = links.Invite({req.principal->user.id, req.client_ip},
                                          {.user_ids = *ids, .everyone_not_activated = all->value_or(false)});
               if (!queued) return http::Problem(queued.error());
               return http::Json(202, {{"queued", *queued}});
             });

  router.Add(Method::kPost, "/api/v1/admin/users/{id}/password-reset",
             {.access = Access::kAdmin, .max_body_bytes = kSmallBody},
             [&links](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto st = links.SendReset({req.principal->user.id, req.client_ip}, *id);
               if (!st) return http::Problem(st.error());
               return http::Json(202, {{"status", "queued"}});
             });
}

}  // namespace agora::identity
