#include "modules/blogs/rank.h"

#include <algorithm>
#include <cmath>

namespace agora::blogs {
namespace {
constexpr double kZ = 1.959964;                              // 95% confidence
constexpr double kEpochMs = 1'767'225'600'000.0;             // 2026-01-01T00:00:00Z
constexpr double kHalfLifeMs = 30.0 * 24 * 60 * 60 * 1000;   // 30 days
}  // namespace

double WilsonLowerBound(std::int64_t positive, std::int64_t total) {
  if (total <= 0 || positive <= 0) return 0;
  const double n = static_cast<double>(total);
  const double p = std::min(1.0, static_cast<double>(positive) / n);
  const double z2 = kZ * kZ;
  return (p + z2 / (2 * n) - kZ * std::sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

double EntryRank(std::int64_t recommendations, std::int64_t readers, std::int64_t published_ms) {
  const double wilson = WilsonLowerBound(recommendations, std::max(readers, recommendations));
  if (wilson <= 0) return 0;
  return wilson * std::exp2((static_cast<double>(published_ms) - kEpochMs) / kHalfLifeMs);
}

}  // namespace agora::blogs
