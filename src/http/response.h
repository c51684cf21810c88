// Building responses in handlers: JSON bodies, problem+json errors (RFC 9457), and reading a
// JSON request body with the right errors (415 wrong Content-Type, 400 malformed, 422 field).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <vector>

#include "core/result.h"
#include "http/request.h"

namespace agora::http {

Response Json(int status, const boost::json::value& body);
Response NoContent();
// The problem+json response for an Error (status and stable `type` from problem.cpp).
Response Problem(const Error& e);
// Parses the request body as a JSON object (Content-Type must be application/json).
Result<boost::json::object> JsonBody(const Request& req);
// The body {"<field>": "..."} with nothing else in it (edits of a text).
Result<std::string> OnlyStringField(const Request& req, std::string_view field);
// A JSON array of ids (decimal strings) in o[field]; absent or null: empty. 422 naming the
// element that is not an id ("people[2]").
Result<std::vector<Id>> IdArrayField(const boost::json::object& o, std::string_view field);
// Reads the path parameter `name` as an id; 404 when it is not one (it cannot exist).
Result<Id> IdParam(const Request& req, std::string_view name);

// Whether an If-None-Match header names `etag` (RFC 9110 13.1.2): "*", or a list of
// entity tags compared weakly (W/"x" matches "x").
bool IfNoneMatchHolds(std::string_view header, std::string_view etag);

// A list page: {"items": [...], "next_cursor": "..."|null}.
boost::json::object Page(boost::json::array items, const std::optional<std::string>& next_cursor);

}  // namespace agora::http
