// Wiki spaces for demos and benchmarks: `agora seed --wiki-spaces N --wiki-pages M
// [--wiki-revisions R]` makes N organization spaces ("seed-wiki-K", each with an owner among
// the seeded people), M pages spread over them by Zipf (the first space the largest), each
// below an earlier page of its space (a tree about ten wide) and linking to three earlier
// pages of its space by title, and R revisions in all (each page's older ones shorter, its
// last its current text). The first space's first page, "Getting started", is linked from
// 10,000 pages (a tenth of them, when fewer): the "what links here" the benchmark reads. Into a
// database without wiki spaces; ids from a generator of their own.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace agora::seed {

struct WikiOptions {
  std::int64_t spaces = 0;
  std::int64_t pages = 0;
  std::int64_t revisions = 0;  // 0: one per page
  std::uint64_t seed = 1;
  int node = 0;
  std::function<void(const std::string&, std::int64_t, std::int64_t)> progress = nullptr;
};

struct WikiReport {
  std::int64_t spaces = 0, pages = 0, revisions = 0, links = 0;
};

Result<WikiReport> SeedWiki(agora::store::Database& db, const Clock& clock, const WikiOptions& options);

}  // namespace agora::seed
