// A large community for demos and benchmarks: `agora seed --community-members N
// [--community-posts M]` makes one open community ("Everyone", handle seed-everyone) whose
// owner and members are the first N seeded people, and M posts in it by its members spread
// over the past year. Refuses when that community exists already.
#pragma once

#include <cstdint>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/database.h"

namespace agora::seed {

struct CommunityOptions {
  std::int64_t members = 0;
  std::int64_t posts = 0;
  std::uint64_t seed = 1;
  int node = 0;
};

struct CommunityReport {
  Id community = 0;
  std::int64_t members = 0;
  std::int64_t posts = 0;
};

Result<CommunityReport> SeedCommunity(agora::store::Database& db, const Clock& clock, const CommunityOptions& options);

}  // namespace agora::seed
