#include "http/router.h"

#include <stdexcept>

namespace agora::http {
namespace {
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsParam(const std::string& seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }
}  // namespace

void Router::Add(Method method, std::string pattern, RouteOptions options, Handler handler) {
  Route r;
  r.method = method;
  for (auto s : Split(pattern)) r.segments.emplace_back(s);
  for (const auto& existing : routes_)
    if (existing.method == method && existing.pattern == pattern) throw std::logic_error("duplicate route " + pattern);
  r.pattern = std::move(pattern);
  r.options = std::move(options);
  r.handler = std::move(handler);
  r.index = routes_.size();
  routes_.push_back(std::move(r));
}

RouteMatch Router::Match(Method method, std::string_view path) const {
  RouteMatch m;
  auto parts = Split(path);
  Method want = method == Method::kHead ? Method::kGet : method;
  for (const auto& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i)
      ok = IsParam(r.segments[i]) ? !parts[i].empty() : r.segments[i] == parts[i];
    if (!ok) continue;
    m.path_matched = true;
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += MethodName(r.method);
    if (r.method == Method::kGet) m.allow += ", HEAD";
    if (m.route || r.method != want) continue;
    std::vector<std::pair<std::string_view, std::string>> params;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (!IsParam(r.segments[i])) continue;
      auto value = PercentDecode(parts[i]);
      if (!value) {
        ok = false;
        break;
      }
      std::string_view name(r.segments[i]);
      params.emplace_back(name.substr(1, name.size() - 2), std::move(*value));
    }
    if (!ok) continue;
    m.route = &r;
    m.params = std::move(params);
  }
  return m;
}

}  // namespace agora::http
