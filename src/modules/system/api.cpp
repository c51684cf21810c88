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
  router.Add(Method::kGet, "/healthz", {Access::kPublic, 0, false, "Liveness: the process answers", "system"},
             [](Request&) { return http::Json(200, {{"status", "ok"}}); });

  router.Add(Method::kGet, "/readyz", {Access::kPublic, 0, false, "Readiness: database reachable and accepting", "system"},
             [&db, accepting](Request&) {
               bool db_ok = db.Ping();
               bool serving = accepting();
               return http::Json(db_ok && serving ? 200 : 503,
                                 {{"status", db_ok && serving ? "ready" : "unavailable"},
                                  {"database", db_ok ? "ok" : "unreachable"},
                                  {"accepting", serving}});
             });

  router.Add(Method::kGet, "/metrics", {Access::kPublic, 0, false, "Prometheus metrics", "system"}, [](Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics::RenderAll();
    return r;
  });

  // The router is complete by the time this is requested; build the document on first use.
  router.Add(Method::kGet, "/api/v1/openapi.json", {Access::kPublic, 0, false, "This API's OpenAPI description", "system"},
             [&router](Request&) {
               static const std::string doc = http::OpenApiJson(router);
               Response r;
               r.body = doc;
               r.cache_control = "no-cache";
               return r;
             });
}

}  // namespace agora::system
