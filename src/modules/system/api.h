// Operational routes: liveness (/healthz), readiness (/readyz), Prometheus metrics
// (/metrics) and the OpenAPI description (/api/v1/openapi.json).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/router.h"
#include "store/database.h"

namespace agora::system {

// `metrics_token` (http.metrics_token): lets clients other than loopback read /metrics.
void RegisterApi(http::Router& router, agora::store::Database& db, std::function<bool()> accepting,
                 std::string metrics_token);

// Serves the API description at /api/v1/openapi.json, built now from the router and the
// embedded openapi.yaml files (http/openapi.h). Call it after every other route is added.
// Returns where they disagree; the server does not start then.
std::vector<std::string> RegisterOpenApi(http::Router& router);

}  // namespace agora::system
