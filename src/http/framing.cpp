#include "http/framing.h"

#include "core/text.h"

namespace agora::http {

std::optional<Error> CheckRequestHead(const RequestHead& head, std::int64_t max_header_bytes) {
  if (head.bytes > static_cast<std::size_t>(max_header_bytes))
    return Error{ErrorCode::kHeaderTooLarge, "request header fields too large", {}, 0};
  if (head.host_fields > 1) return Error::Malformed("the request has more than one Host header");
  if (head.host_fields == 0 && head.version >= 11) return Error::Malformed("an HTTP/1.1 request needs a Host header");
  for (auto value : head.transfer_codings) {
    // Beast has already refused malformed lists and "chunked" anywhere but last; what is
    // left to refuse is any other coding before it.
    if (text::AsciiLower(text::Trim(value)) != "chunked")
      return Error{ErrorCode::kNotImplemented, "the only transfer coding supported is chunked", "Transfer-Encoding", 0};
  }
  return std::nullopt;
}

}  // namespace agora::http
