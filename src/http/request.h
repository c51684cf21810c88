// The HTTP layer's own request and response types, free of Boost.Beast so handlers and
// their tests compile fast. The session (server.cpp) fills a Request from Beast's parser;
// string_views point into the parser's buffer and live until the response is written.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/open_file.h"
#include "modules/identity/model.h"

namespace agora::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view MethodName(Method m);
Method ParseMethod(std::string_view s);
inline bool IsSafe(Method m) { return m == Method::kGet || m == Method::kHead || m == Method::kOptions; }

struct Request {
  Method method = Method::kGet;
  std::string_view target;  // path and query as sent
  std::string_view path;    // before '?', still percent-encoded
  std::string_view query;   // after '?'
  std::string_view content_type;
  std::string_view authorization;
  std::string_view cookie;
  std::string_view csrf_token;  // X-CSRF-Token
  std::string_view if_none_match;
  std::string_view if_modified_since;
  std::string_view if_match;
  std::string_view user_agent;
  std::string_view idempotency_key;
  std::string_view accept_language;
  std::string_view accept_encoding;
  std::string_view range;     // Range, for file bodies (http/ranges.h)
  std::string_view if_range;  // If-Range
  std::string client_ip;
  std::string request_id;
  std::string body;
  std::vector<std::pair<std::string_view, std::string>> params;  // decoded path parameters
  const identity::Principal* principal = nullptr;                // set for authenticated routes

  std::string_view Param(std::string_view name) const;
  // The decoded value of a query parameter; empty when absent.
  std::string Query(std::string_view name) const;
  // The value of a cookie; empty when absent.
  std::string_view Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Bytes made once and shared by every answer (static files, the API description): sent as
  // they are, without a copy per request (a copy of a large body costs an mmap each time).
  // When set, `body` is not used.
  std::shared_ptr<const std::string> shared_body;
  // A file sent from disk in pieces (downloads of up to 50 MiB), never held whole in memory:
  // bytes [file_first, file_first + file_length). When set, `body` and `shared_body` are not
  // used; http/ranges.h narrows it to what a Range asks.
  std::shared_ptr<const OpenFile> file;
  std::uint64_t file_first = 0;
  std::uint64_t file_length = 0;
  std::vector<std::pair<std::string, std::string>> headers;

  std::string_view Bytes() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
  // The body's length as Content-Length says it.
  std::uint64_t Length() const { return file ? file_length : Bytes().size(); }
  // API responses are private and must not be cached by browsers or proxies unless a
  // handler says otherwise (static files do).
  std::string cache_control = "no-store";
};

// Percent-decodes a path segment or query component; nullopt when it is not valid.
std::optional<std::string> PercentDecode(std::string_view raw);

}  // namespace agora::http
