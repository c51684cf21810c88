// Byte ranges of a file download (RFC 9110 section 14): a browser resuming a large download,
// or a player seeking, asks for `Range: bytes=first-last`. One range is served (206 with
// Content-Range); several, or a header this does not read, get the whole file (200), as the
// RFC lets a server do; a range wholly past the end is 416.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace agora::http {

struct Response;

struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t length = 0;
};

enum class RangeAsk { kWhole, kRange, kUnsatisfiable };

// Reads a Range header against a representation of `size` bytes; `range` is set for kRange.
RangeAsk ReadRange(std::string_view header, std::uint64_t size, ByteRange& range);

// For a 200 answer with a file body: applies the request's Range (honoured only when If-Range,
// if sent, names the answer's ETag) and says which ranges are accepted.
void ApplyRange(std::string_view range_header, std::string_view if_range, Response& res);

}  // namespace agora::http
