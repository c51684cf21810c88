// A synthetic organization for demos and benchmarks: `agora seed --people N [--seed S]`.
// Deterministic for a given seed. Names from nine locales; a reporting tree of realistic
// depth (each manager has 3-12 reports); departments; 170 countries; offices; expertise tags
// drawn from a long-tailed (Zipf) distribution; a follow graph where most people follow
// 50-300 others, mostly near them in the organization, and a few are followed by tens of
// thousands. Written straight to the database in large transactions (seeding is a bulk
// load, not a stream of use cases), with progress reported per batch.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/database.h"

namespace agora::seed {

struct SeedOptions {
  std::int64_t people = 1000;
  std::uint64_t seed = 1;
  int min_follows = 50;
  int max_follows = 300;
  // (stage name, done, total) after each batch.
  std::function<void(const std::string&, std::int64_t, std::int64_t)> progress = nullptr;
};

struct SeedReport {
  std::int64_t people = 0;
  std::int64_t follows = 0;
  std::int64_t expertise = 0;
  int depth = 0;  // levels in the reporting tree
};

Result<SeedReport> SeedOrganization(agora::store::Database& db, IdGenerator& ids, const Clock& clock,
                                    const SeedOptions& options);

}  // namespace agora::seed
