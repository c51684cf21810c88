// Pagination cursors and limits come back from clients: decoding must refuse what it did not
// make, and what it accepts must encode back to the same position.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/cursor.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto c = agora::DecodeCursor(text)) {
    auto again = agora::DecodeCursor(agora::EncodeCursor(*c));
    if (!again || again->id != c->id || again->key != c->key) std::abort();
  }
  if (auto limit = agora::ParseLimit(text); limit && (*limit < 1 || *limit > agora::kMaxPageSize)) std::abort();
  return 0;
}
