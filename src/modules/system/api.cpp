#include "modules/system/api.h"

#include <chrono>

#include "core/crypto.h"
#include "core/log.h"
#include "core/metrics.h"
#include "http/openapi.h"
#include "http/static_files.h"
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
  // Served as built: the bytes, their gzip and their ETag are made once, here.
  struct Served {
    std::shared_ptr<const std::string> json, gzip;
    std::string etag;
  };
  auto doc = std::make_shared<Served>();
  router.Add(Method::kGet, "/api/v1/openapi.json", {.access = Access::kPublic}, [doc](Request& req) {
    Response r;
    r.headers.emplace_back("ETag", doc->etag);
    r.headers.emplace_back("Vary", "Accept-Encoding");
    if (http::IfNoneMatchHolds(req.if_none_match, doc->etag)) {
      r.status = 304;
      return r;
    }
    if (http::AcceptsGzip(req.accept_encoding)) {
      r.headers.emplace_back("Content-Encoding", "gzip");
      r.shared_body = doc->gzip;
    } else {
      r.shared_body = doc->json;
    }
    return r;
  });
  const auto started = std::chrono::steady_clock::now();
  auto built = http::BuildOpenApi(router, http::EmbeddedOpenApiFiles());
  doc->gzip = std::make_shared<const std::string>(http::Gzip(built.json));
  doc->etag = http::StrongEtag(built.json);
  doc->json = std::make_shared<const std::string>(std::move(built.json));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  log::Info("API description built", {{"bytes", static_cast<std::int64_t>(doc->json->size())},
                                      {"gzip_bytes", static_cast<std::int64_t>(doc->gzip->size())}, {"ms", ms}});
  return built.errors;
}

}  // namespace agora::system
