// Synthetic activity for demos and benchmarks: `agora seed --posts N` adds N status updates
// spread over the past year, with hashtags, mentions, comments and reactions, to an
// organization seeded before (`--people`, in the same or an earlier run). Skewed as real
// networks are: a fifth of the people write most posts, hashtags are long-tailed, most posts
// get no comment and a few get many. Deterministic for a given seed. Bulk-loaded like the
// organization; seeded activity does not notify anyone.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/database.h"

namespace agora::seed {

struct ContentOptions {
  std::int64_t posts = 0;
  std::uint64_t seed = 1;
  int node = 0;  // id generator node
  std::function<void(const std::string&, std::int64_t, std::int64_t)> progress = nullptr;
};

struct ContentReport {
  std::int64_t posts = 0;
  std::int64_t comments = 0;
  std::int64_t reactions = 0;
};

Result<ContentReport> SeedContent(agora::store::Database& db, const Clock& clock, const ContentOptions& options);

}  // namespace agora::seed
