#include "modules/atom/api.h"

#include "core/clock.h"
#include "http/response.h"

namespace agora::atom {

using http::Access;
using http::Method;
using http::Request;

void RegisterApi(http::Router& router, FeedTokens& tokens) {
  router.Add(Method::kGet, "/api/v1/me/feed-token", {.access = Access::kUser}, [&tokens](Request& req) {
    auto at = tokens.CreatedAt(req.principal->user.id);
    if (!at) return http::Problem(Error::NotFound("no feed token"));
    return http::Json(200, boost::json::object{{"created_at", FormatRfc3339(*at)}});
  });
  // Not idempotent-replayed: the answer holds the secret.
  router.Add(Method::kPost, "/api/v1/me/feed-token", {.access = Access::kUser}, [&tokens](Request& req) {
    auto t = tokens.Issue(*req.principal);
    if (!t) return http::Problem(t.error());
    return http::Json(201, boost::json::object{{"token", t->token}, {"created_at", FormatRfc3339(t->created_at)}});
  });
  router.Add(Method::kDelete, "/api/v1/me/feed-token", {.access = Access::kUser}, [&tokens](Request& req) {
    tokens.Revoke(req.principal->user.id);
    return http::NoContent();
  });
}

}  // namespace agora::atom
