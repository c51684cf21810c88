// Routes: method + path pattern ("/api/v1/admin/users/{id}") -> handler, with per-route
// options the session enforces before calling the handler (authentication, admin role,
// CSRF on cookie-authenticated writes, body size, which thread pool runs slow handlers).
// A path parameter whose name ends in "token" ("{token}", "{feed_token}") is a secret: the
// access log writes its name instead of its value (LoggedPath). No Beast here.
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
  kAnonymous,  // the server reads no credential at all; the handler decides (/metrics)
};

// Where a handler runs. Password hashing and image decoding each have a pool of their own,
// so a flood of uploads never delays anyone's sign-in (and image jobs are admitted per
// person, see http/job_limiter.h).
enum class Work {
  kInline,    // on the io thread: fast handlers
  kPassword,  // Argon2id hashing: sign-in, setup, password changes, accounts with a password
  kImage,     // an upload's heavy work (an image decoded and re-encoded, a file hashed and written), at low CPU priority
  kOutbound,  // waits on another server (an identity provider): a pool of its own, mostly idle
  kSearch,    // a search over the whole index: a pool of its own, so that a slow one never holds an io thread
};

struct RouteOptions {
  Access access = Access::kUser;
  std::int64_t max_body_bytes = 0;  // 0: the server default (http.max_body_bytes)
  Work work = Work::kInline;
  bool idempotent = false;          // honours Idempotency-Key (creates whose response holds no secret)
};

using Handler = std::function<Response(Request&)>;

struct Route {
  Method method;
  std::string pattern;
  std::vector<std::string> segments;  // "{name}" marks a parameter
  RouteOptions options;
  Handler handler;
  size_t index = 0;  // position in routes(), used by metrics
  bool has_secret = false;  // some parameter is a secret (named *token)
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
  // `path` as the access log may show it: secret parameters replaced by their "{name}".
  // `matched` is the route Match found (null: the path is compared with every route, so a
  // token in a mistyped path is hidden too).
  std::string LoggedPath(const Route* matched, std::string_view path) const;
  static bool IsSecretParam(std::string_view segment);

 private:
  std::vector<Route> routes_;
};

}  // namespace agora::http
