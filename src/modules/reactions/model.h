// Reactions: a small fixed set, one per person on a target (a content or a comment);
// reacting again with another kind replaces the first, as in the products people know.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ids.h"

namespace agora::reactions {

inline constexpr std::array<std::string_view, 6> kKinds = {"like", "celebrate", "support", "love", "insightful", "funny"};
inline bool IsKind(std::string_view k) {
  for (auto x : kKinds)
    if (x == k) return true;
  return false;
}

// A target's reactions as one reader sees them: count per kind (kinds with none left out,
// in kKinds order), the total, and the reader's own.
struct Summary {
  std::vector<std::pair<std::string, std::int64_t>> counts;
  std::int64_t total = 0;
  std::optional<std::string> mine;
};

}  // namespace agora::reactions
