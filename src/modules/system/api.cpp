#include "modules/system/api.h"

#include "core/metrics.h"
#include "http/openapi.h"
#include "http/response.h"

namespace agora::system {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

void RegisterApi(http::Router& router, agora::store::Database& db, std::function<bool()> accepting) {
  router.Add(Method::kGet, "/healthz", {.access = Access::kPublic, .summary = "Liveness: the process answers", .tag = "system"},
             [](Request&) { return http::Json(200, {{"status", "ok"}}); });

  router.Add(Method::kGet, "/readyz", {.access = Access::kPublic, .summary = "Readiness: database reachable and accepting", .tag = "system"},
             [&db, accepting](Request&) {
               bool db_ok = db.Ping();
               bool serving = accepting();
               return http::Json(db_ok && serving ? 200 : 503,
                                 {{"status", db_ok && serving ? "ready" : "unavailable"},
                                  {"database", db_ok ? "ok" : "unreachable"},
                                  {"accepting", serving}});
             });

  router.Add(Method::kGet, "/metrics", {.access = Access::kPublic, .summary = "Prometheus metrics", .tag = "system"}, [](Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics::RenderAll();
    return r;
  });

  // The router is complete by the time this is requested; build the document on first use.
  router.Add(Method::kGet, "/api/v1/openapi.json", {.access = Access::kPublic, .summary = "This API's OpenAPI description", .tag = "system"},
             [&router](Request&) {
               static const std::string doc = http::OpenApiJson(router);
               Response r;
               r.body = doc;
               r.cache_control = "no-cache";
               return r;
             });
}

}  // namespace agora::system
