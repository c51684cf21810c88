#include "modules/system/api.h"

#include "core/crypto.h"
#include "core/metrics.h"
#include "http/openapi.h"
#include "http/response.h"

namespace agora::system {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

namespace {
bool IsLoopback(std::string_view ip) {
  return ip.starts_with("127.") || ip == "::1" || ip.starts_with("::ffff:127.");
}
}  // namespace

void RegisterApi(http::Router& router, agora::store::Database& db, std::function<bool()> accepting,
                 std::string metrics_token) {
  router.Add(Method::kGet, "/healthz", {.access = Access::kPublic},
             [](Request&) { return http::Json(200, {{"status", "ok"}}); });

  router.Add(Method::kGet, "/readyz", {.access = Access::kPublic},
             [&db, accepting](Request&) {
               bool db_ok = db.Ping();
               bool serving = accepting();
               return http::Json(db_ok && serving ? 200 : 503,
                                 {{"status", db_ok && serving ? "ready" : "unavailable"},
                                  {"database", db_ok ? "ok" : "unreachable"},
                                  {"accepting", serving}});
             });

  // Per-route counts and timings are for operators: loopback clients (a scraper on the same
  // machine, or through a proxy with trust_proxy) or whoever has the configured token.
  router.Add(Method::kGet, "/metrics", {.access = Access::kAnonymous},
             [metrics_token](Request& req) {
    const bool token_ok = !metrics_token.empty() && req.authorization.size() == 7 + metrics_token.size() &&
                          req.authorization.substr(0, 7) == "Bearer " &&
                          crypto::ConstantTimeEquals(req.authorization.substr(7), metrics_token);
    if (!token_ok && !IsLoopback(req.client_ip))
      return http::Problem(Error::Forbidden("metrics are served to loopback clients or with the metrics token"));
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics::RenderAll();
    return r;
  });

}

std::vector<std::string> RegisterOpenApi(http::Router& router) {
  auto doc = std::make_shared<std::string>();
  router.Add(Method::kGet, "/api/v1/openapi.json", {.access = Access::kPublic}, [doc](Request&) {
    Response r;
    r.body = *doc;
    return r;
  });
  auto built = http::BuildOpenApi(router, http::EmbeddedOpenApiFiles());
  *doc = std::move(built.json);
  return built.errors;
}

}  // namespace agora::system
