// GET /api/v1/search and /api/v1/search/suggest (openapi.yaml beside this file).
#pragma once

#include "http/router.h"
#include "modules/find/service.h"

namespace agora::find {
void RegisterApi(http::Router& router, SearchService& service);
}  // namespace agora::find
