// Operational routes: liveness (/healthz), readiness (/readyz), Prometheus metrics
// (/metrics) and the OpenAPI description (/api/v1/openapi.json).
#pragma once

#include <functional>
#include <string>

#include "http/router.h"
#include "store/database.h"

namespace agora::system {

// `metrics_token` (http.metrics_token): lets clients other than loopback read /metrics.
void RegisterApi(http::Router& router, agora::store::Database& db, std::function<bool()> accepting,
                 std::string metrics_token);

}  // namespace agora::system
