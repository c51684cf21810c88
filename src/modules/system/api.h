// Operational routes: liveness (/healthz), readiness (/readyz), Prometheus metrics
// (/metrics) and the OpenAPI description (/api/v1/openapi.json).
#pragma once

#include <functional>

#include "http/router.h"
#include "store/database.h"

namespace agora::system {

void RegisterApi(http::Router& router, agora::store::Database& db, std::function<bool()> accepting);

}  // namespace agora::system
