#pragma once

#include "http/router.h"

namespace agora::live {

// GET /api/v1/stream: described here for the router and OpenAPI; the upgrade to a WebSocket
// happens in server.cpp before any handler runs, so the handler only answers plain GETs.
void RegisterApi(http::Router& router);

}  // namespace agora::live
