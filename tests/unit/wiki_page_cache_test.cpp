// The wiki's page cache (page_cache.h): an entry serves only its revision, only in the
// generation it was made in, for at most kFreshMs, and the whole stays within its bytes.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "modules/wiki/page_cache.h"

namespace agora::wiki {
namespace {

TEST(WikiPageCache, AnEntryServesItsRevisionOnly) {
  ManualClock clock(1'000'000);
  PageCache cache(clock);
  EXPECT_EQ(cache.Get(7, 1), nullptr);
  cache.Put(7, 1, cache.generation(), "\"body\":\"one\"");
  auto hit = cache.Get(7, 1);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->members, "\"body\":\"one\"");
  EXPECT_EQ(cache.Get(7, 2), nullptr) << "a newer revision is not the kept one";
  EXPECT_EQ(cache.Get(8, 1), nullptr);
  // The newer revision replaces it.
  cache.Put(7, 2, cache.generation(), "\"body\":\"two\"");
  EXPECT_EQ(cache.Get(7, 1), nullptr);
  EXPECT_EQ(cache.Get(7, 2)->members, "\"body\":\"two\"");
}

TEST(WikiPageCache, ForgettingAndTimeEndEntries) {
  ManualClock clock(1'000'000);
  PageCache cache(clock);
  cache.Put(1, 1, cache.generation(), "a");
  cache.Forget();  // a page moved somewhere: every breadcrumb may be wrong
  EXPECT_EQ(cache.Get(1, 1), nullptr);
  // Made from a read that began before the change: never served.
  const auto before = cache.generation();
  cache.Forget();
  cache.Put(2, 1, before, "b");
  EXPECT_EQ(cache.Get(2, 1), nullptr);
  cache.Put(3, 1, cache.generation(), "c");
  clock.Advance(PageCache::kFreshMs);
  EXPECT_NE(cache.Get(3, 1), nullptr);
  clock.Advance(1);
  EXPECT_EQ(cache.Get(3, 1), nullptr) << "names may have changed where no event says so";
}

TEST(WikiPageCache, StaysWithinItsBytes) {
  ManualClock clock(1'000'000);
  PageCache cache(clock, 16 * 4096);  // 4 KiB a shard
  const std::string kilobyte(1024, 'x');
  for (Id id = 0; id < 16 * 40; ++id) cache.Put(id, 1, cache.generation(), kilobyte);
  size_t kept = 0;
  for (Id id = 0; id < 16 * 40; ++id) kept += cache.Get(id, 1) != nullptr;
  EXPECT_LE(kept, 16u * 4) << "at most four 1 KiB entries fit a shard";
  EXPECT_GE(kept, 16u * 3);
  // Too large for a quarter of a shard: handed back, not kept.
  auto huge = cache.Put(10'000, 1, cache.generation(), std::string(2048, 'y'));
  ASSERT_NE(huge, nullptr);
  EXPECT_EQ(huge->members.size(), 2048u);
  EXPECT_EQ(cache.Get(10'000, 1), nullptr);
}

}  // namespace
}  // namespace agora::wiki
