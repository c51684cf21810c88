// The checks a request's header must pass before anything reads its body (RFC 9112): the
// whole header within http.max_header_bytes (Beast's own limit applies to what one read
// holds, so many small fields could add up past it), exactly one Host in HTTP/1.1, and no
// transfer coding but chunked (a front proxy that decoded "gzip, chunked" differently would
// see other message boundaries). Plain C++, so the rules have unit tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agora::http {

struct RequestHead {
  unsigned version = 11;                          // 10 or 11
  std::size_t host_fields = 0;                    // how many Host fields
  std::vector<std::string_view> transfer_codings; // the values of every Transfer-Encoding field
  std::size_t bytes = 0;                          // request line and fields, as sent
};

// nullopt when the head is acceptable; otherwise the error to answer before closing:
// 431 too large, 400 Host missing or repeated, 501 an unsupported transfer coding.
std::optional<Error> CheckRequestHead(const RequestHead& head, std::int64_t max_header_bytes);

}  // namespace agora::http
