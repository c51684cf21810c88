// The OpenAPI 3.1 description of the API, written by hand next to the code it describes:
// each module's folder holds an `openapi.yaml` with its paths and the schemas of its wire
// format (`json.cpp`), and `src/http/openapi.yaml` the shared parts (problems, paging,
// security). The build embeds every such file; at start the server merges them, adds what
// follows from each route's options (who may call it, CSRF, Idempotency-Key, ETag, the
// problems the HTTP layer itself answers), and checks the result against the router both
// ways: a route without a description, or a description without a route, stops the server
// from starting. The document is built once and served as bytes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/router.h"

namespace agora::http {

// (file name, YAML text): the files the build embedded (build/generated/openapi_embedded.cpp).
using OpenApiFiles = std::vector<std::pair<std::string_view, std::string_view>>;
const OpenApiFiles& EmbeddedOpenApiFiles();

struct OpenApiDocument {
  std::string json;                  // the whole document, serialized
  std::vector<std::string> errors;   // empty when the files and the router agree
};

OpenApiDocument BuildOpenApi(const Router& router, const OpenApiFiles& files);

// Routes the description covers: /api/ and the health and metrics endpoints. SCIM
// (/scim/v2) is described by its own standard (RFC 7643/7644) and its discovery endpoints.
bool IsDescribed(std::string_view pattern);

}  // namespace agora::http
