// Builds the OpenAPI 3.1 description of /api/v1 from the router itself, so it cannot drift
// from the routes that exist (a test checks every route is described).
#pragma once

#include <string>

#include "http/router.h"

namespace agora::http {

std::string OpenApiJson(const Router& router);

}  // namespace agora::http
