#include "http/openapi.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace agora::http {

std::string OpenApiJson(const Router& router) {
  boost::json::object paths;
  for (const auto& r : router.routes()) {
    if (r.pattern.rfind("/api/", 0) != 0) continue;
    auto method = std::string(MethodName(r.method));
    std::transform(method.begin(), method.end(), method.begin(), [](char c) { return static_cast<char>(c - 'A' + 'a'); });
    boost::json::array params;
    for (const auto& seg : r.segments) {
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)}, {"in", "path"}, {"required", true},
                          {"schema", {{"type", "string"}}}});
    }
    boost::json::object op{{"summary", r.options.summary}, {"tags", boost::json::array{r.options.tag}},
                           {"parameters", std::move(params)},
                           {"responses",
                            {{"default", {{"description", "RFC 9457 problem on error"},
                                          {"content", {{"application/problem+json", boost::json::object{}}}}}}}}};
    if (r.options.access == Access::kPublic || r.options.access == Access::kAnonymous) op["security"] = boost::json::array{};
    if (r.options.access == Access::kAdmin) op["x-agora-role"] = "admin";
    if (!IsSafe(r.method)) op["x-agora-csrf"] = "X-CSRF-Token required with cookie authentication";
    auto& item = paths[r.pattern];
    if (!item.is_object()) item = boost::json::object{};
    item.as_object()[method] = std::move(op);
  }
  boost::json::object doc{
      {"openapi", "3.1.0"},
      {"info", {{"title", "Agora API"}, {"version", AGORA_VERSION}}},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "agora_session"}}}}}}},
      {"security", boost::json::array{{{"bearer", boost::json::array{}}}, {{"session", boost::json::array{}}}}},
      {"paths", std::move(paths)}};
  return boost::json::serialize(doc);
}

}  // namespace agora::http
