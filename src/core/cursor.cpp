#include "core/cursor.h"

#include <charconv>

#include "core/crypto.h"

namespace agora {

// Format before encoding: "v1:<id>:<key>". The version lets the format change later without
// breaking clients that hold old cursors for longer than a deploy.
std::string EncodeCursor(const Cursor& c) {
  return crypto::Base64UrlEncode("v1:" + std::to_string(c.id) + ":" + c.key);
}

Result<Cursor> DecodeCursor(std::string_view text) {
  auto bad = Error{ErrorCode::kMalformed, "cursor is not valid", "cursor", 0};
  std::string raw;
  if (text.size() > 1024 || !crypto::Base64UrlDecode(text, raw)) return bad;
  if (raw.rfind("v1:", 0) != 0) return bad;
  auto sep = raw.find(':', 3);
  if (sep == std::string::npos) return bad;
  Cursor c;
  auto [p, ec] = std::from_chars(raw.data() + 3, raw.data() + sep, c.id);
  if (ec != std::errc() || p != raw.data() + sep) return bad;
  c.key = raw.substr(sep + 1);
  return c;
}

Result<int> ParseLimit(std::string_view text) {
  if (text.empty()) return kDefaultPageSize;
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < 1 || v > kMaxPageSize)
    return Error::Invalid("limit", "limit must be an integer from 1 to 100");
  return v;
}

}  // namespace agora
