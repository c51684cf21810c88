// Opaque pagination cursors (DESIGN.md "Identifiers, time, pagination"). A cursor wraps the
// sort key of the last item returned; clients must treat it as opaque. Lists never use offsets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace agora {

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

// A keyset position: the last item's sort value and id (ties broken by id).
struct Cursor {
  std::string key;  // may be empty when the list sorts by id alone
  std::int64_t id = 0;
};

std::string EncodeCursor(const Cursor& c);
// kMalformed (naming "cursor") when the text was not made by EncodeCursor.
Result<Cursor> DecodeCursor(std::string_view text);
// Parses `limit`: empty means the default; otherwise 1..kMaxPageSize or kInvalidField.
Result<int> ParseLimit(std::string_view text);

}  // namespace agora
