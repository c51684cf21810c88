// Blogs for demos and benchmarks: `agora seed --blogs N [--blog-entries M]` gives seven in
// ten blogs to seeded people as their own (read by the organization) and makes the rest
// shared team blogs ("seed-team-K", a fifth of them public) with two to five writers; then M
// published entries, a few blogs writing most of them (Zipf), over the past two years, with
// hashtags and counts of readers, views and recommendations (the counts only: the rows behind
// them are not made) and the ranks that follow from them (blogs/rank.h). Into a database
// without blogs; ids from a generator of their own, like the other seeders.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace agora::seed {

struct BlogOptions {
  std::int64_t blogs = 0;
  std::int64_t entries = 0;
  std::uint64_t seed = 1;
  int node = 0;
  std::function<void(const std::string&, std::int64_t, std::int64_t)> progress = nullptr;
};

struct BlogReport {
  std::int64_t blogs = 0;
  std::int64_t personal = 0;
  std::int64_t public_blogs = 0;
  std::int64_t entries = 0;
};

Result<BlogReport> SeedBlogs(agora::store::Database& db, const Clock& clock, const BlogOptions& options);

}  // namespace agora::seed
