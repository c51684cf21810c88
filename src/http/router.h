// Routes: method + path pattern ("/api/v1/admin/users/{id}") -> handler, with per-route
// options the session enforces before calling the handler (authentication, admin role,
// CSRF on cookie-authenticated writes, body size, whether the handler is slow and must run
// on the worker pool). No Beast here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"

namespace agora::http {

enum class Access {
  kPublic,  // anyone; a principal is attached when credentials are valid
  kUser,    // a signed-in, active account (401 otherwise)
  kAdmin,   // an admin (403 for others)
};

struct RouteOptions {
  Access access = Access::kUser;
  std::int64_t max_body_bytes = 0;  // 0: the server default (http.max_body_bytes)
  bool slow = false;                // runs on the worker pool (e.g. password hashing)
  bool idempotent = false;          // honours Idempotency-Key (creates whose response holds no secret)
  std::string summary;              // for the OpenAPI description
  std::string tag;                  // OpenAPI grouping
};

using Handler = std::function<Response(Request&)>;

struct Route {
  Method method;
  std::string pattern;
  std::vector<std::string> segments;  // "{name}" marks a parameter
  RouteOptions options;
  Handler handler;
  size_t index = 0;  // position in routes(), used by metrics
};

struct RouteMatch {
  const Route* route = nullptr;  // set when method and path match
  bool path_matched = false;     // some route has this path (405 when route is null)
  std::string allow;             // methods allowed on this path, for 405's Allow header
  std::vector<std::pair<std::string_view, std::string>> params;
};

class Router {
 public:
  void Add(Method method, std::string pattern, RouteOptions options, Handler handler);
  // `path` is still percent-encoded; parameter values come back decoded. HEAD matches GET.
  RouteMatch Match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace agora::http
