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

bool IsParam(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }
}  // namespace

bool Router::IsSecretParam(std::string_view seg) { return IsParam(seg) && seg.substr(0, seg.size() - 1).ends_with("token"); }

std::string Router::LoggedPath(const Route* matched, std::string_view path) const {
  if (matched && !matched->has_secret) return std::string(path);
  auto parts = Split(path);
  bool changed = false;
  auto redact = [&](const Route& r) {
    // Segment i is hidden when the route has a secret there and every segment before it
    // matches the route's (so "/invitations/<token>/typo" is hidden too).
    for (size_t i = 0; i < r.segments.size() && i < parts.size(); ++i) {
      if (IsSecretParam(r.segments[i])) {
        if (parts[i] != r.segments[i]) changed = true;
        parts[i] = r.segments[i];
      } else if (!IsParam(r.segments[i]) && r.segments[i] != parts[i]) {
        return;
      }
    }
  };
  if (matched) {
    redact(*matched);
  } else {
    for (const auto& r : routes_)
      if (r.has_secret) redact(r);
  }
  if (!changed) return std::string(path);
  std::string out;
  for (auto p : parts) out.append("/").append(p);
  return out;
}

void Router::Add(Method method, std::string pattern, RouteOptions options, Handler handler) {
  Route r;
  r.method = method;
  for (auto s : Split(pattern)) {
    r.segments.emplace_back(s);
    r.has_secret = r.has_secret || IsSecretParam(s);
  }
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
