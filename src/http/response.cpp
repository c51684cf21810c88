#include "http/response.h"

#include <algorithm>

#include <boost/json/serialize.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/pct_string_view.hpp>

#include "core/json.h"
#include "http/problem.h"

namespace agora::http {

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOptions: return "OPTIONS";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

Method ParseMethod(std::string_view s) {
  if (s == "GET") return Method::kGet;
  if (s == "HEAD") return Method::kHead;
  if (s == "POST") return Method::kPost;
  if (s == "PUT") return Method::kPut;
  if (s == "PATCH") return Method::kPatch;
  if (s == "DELETE") return Method::kDelete;
  if (s == "OPTIONS") return Method::kOptions;
  return Method::kOther;
}

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

// Boost.URL 1.81 reads past the end of a string_view that is not NUL-terminated (seen as
// garbage after query values taken from the request buffer), so every view is copied into
// a std::string before Boost.URL parses it.
std::optional<std::string> PercentDecode(std::string_view raw) {
  const std::string text(raw);
  auto pct = boost::urls::make_pct_string_view(text);
  if (!pct) return std::nullopt;
  return pct->decode();
}

namespace {
// One query component: '+' is a space (HTML forms), then percent-decoding.
std::string DecodeQueryComponent(std::string_view raw) {
  std::string text(raw);
  for (auto& c : text)
    if (c == '+') c = ' ';
  return PercentDecode(text).value_or(std::string());
}
}  // namespace

std::string Request::Query(std::string_view name) const {
  if (query.empty()) return {};
  const std::string copy(query);  // see PercentDecode
  auto parsed = boost::urls::parse_query(copy);
  if (!parsed) return {};
  for (auto p : *parsed) {
    if (DecodeQueryComponent({p.key.data(), p.key.size()}) == name)
      return p.has_value ? DecodeQueryComponent({p.value.data(), p.value.size()}) : std::string();
  }
  return {};
}

std::string_view Request::Cookie(std::string_view name) const {
  std::string_view rest = cookie;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    auto pair = rest.substr(0, semi);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return {};
}

Response Json(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Problem(const Error& e) {
  Response r;
  r.status = StatusFor(e.code);
  r.content_type = "application/problem+json";
  r.body = ProblemBody(e);
  if (e.code == ErrorCode::kRateLimited) {
    // Retry-After (RFC 9110), and the RateLimit fields of the IETF draft
    // (draft-ietf-httpapi-ratelimit-headers) clients and gateways read: nothing remains
    // until the reset. The writes limiter adds RateLimit-Limit (http/server.cpp).
    const std::string wait = std::to_string(std::max(1, e.retry_after_seconds));
    r.headers.emplace_back("Retry-After", wait);
    r.headers.emplace_back("RateLimit-Remaining", "0");
    r.headers.emplace_back("RateLimit-Reset", wait);
  } else if (e.code == ErrorCode::kUnavailable && e.retry_after_seconds > 0) {
    r.headers.emplace_back("Retry-After", std::to_string(e.retry_after_seconds));
  }
  if (e.code == ErrorCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"agora\"");
  return r;
}

Result<boost::json::object> JsonBody(const Request& req) {
  auto type = req.content_type.substr(0, req.content_type.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type != "application/json")
    return Error{ErrorCode::kUnsupportedMedia, "the request body must be application/json", "Content-Type", 0};
  return json::ParseObject(req.body);
}

Result<std::string> OnlyStringField(const Request& req, std::string_view field) {
  auto body = JsonBody(req);
  if (!body) return body.error();
  if (auto st = json::OnlyKeys(*body, {field}); !st) return st.error();
  return json::RequiredString(*body, field);
}

Result<std::vector<Id>> IdArrayField(const boost::json::object& o, std::string_view field) {
  std::vector<Id> out;
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return out;
  if (!it->value().is_array()) return Error::Invalid(std::string(field), "must be an array of ids");
  const auto& a = it->value().get_array();
  for (size_t i = 0; i < a.size(); ++i) {
    std::optional<Id> id;
    if (a[i].is_string()) id = ParseId(a[i].get_string());
    if (!id) return Error::Invalid(std::string(field) + "[" + std::to_string(i) + "]", "must be an id (a string of digits)");
    out.push_back(*id);
  }
  return out;
}

Result<Id> IdParam(const Request& req, std::string_view name) {
  auto id = ParseId(req.Param(name));
  if (!id) return Error::NotFound("not found");
  return *id;
}

boost::json::object Page(boost::json::array items, const std::optional<std::string>& next_cursor) {
  boost::json::object o;
  o["items"] = std::move(items);
  if (next_cursor) o["next_cursor"] = *next_cursor;
  else o["next_cursor"] = nullptr;
  return o;
}

bool IfNoneMatchHolds(std::string_view header, std::string_view etag) {
  auto opaque = [](std::string_view tag) {
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    return tag;
  };
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == "*" || (!tag.empty() && opaque(tag) == opaque(etag))) return true;
  }
  return false;
}

}  // namespace agora::http
