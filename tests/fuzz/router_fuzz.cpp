// The request target: path matching with percent-decoded parameters, the query string and
// cookies, and the redaction of secret parameters in the access log. Routes are the shapes of
// the real table (literal segments, ids, handles, tokens).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/router.h"

namespace {
const agora::http::Router& Routes() {
  static agora::http::Router r = [] {
    agora::http::Router r;
    auto ok = [](agora::http::Request&) { return agora::http::Response{}; };
    using agora::http::Method;
    for (const char* p : {"/api/v1/me", "/api/v1/people", "/api/v1/people/{id}", "/api/v1/people/{id}/photo/{size}",
                          "/api/v1/communities/{id}/members/{person}", "/api/v1/invitations/{token}",
                          "/api/v1/content/{id}/reactions/{kind}", "/api/v1/feed"})
      r.Add(Method::kGet, p, {}, ok);
    r.Add(Method::kPost, "/api/v1/invitations/{token}/accept", {}, ok);
    return r;
  }();
  return r;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view target(reinterpret_cast<const char*>(data), size);
  auto q = target.find('?');
  agora::http::Request req;
  req.target = target;
  req.path = target.substr(0, q);
  if (q != std::string_view::npos) req.query = target.substr(q + 1);
  req.cookie = target;
  for (auto method : {agora::http::Method::kGet, agora::http::Method::kPost}) {
    auto m = Routes().Match(method, req.path);
    std::string logged = Routes().LoggedPath(m.route, req.path);
    if (m.route && m.route->has_secret) {
      for (const auto& [name, value] : m.params)
        if (name == "token" && value.size() >= 4 && logged.find(value) != std::string::npos &&
            logged.find("{token}") == std::string::npos)
          std::abort();  // a token reached the log
    }
  }
  (void)req.Query("cursor");
  (void)req.Query("q");
  (void)req.Cookie("agora_session");
  (void)agora::http::PercentDecode(req.path);
  return 0;
}
