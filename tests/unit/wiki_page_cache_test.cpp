// The wiki's page cache (page_cache.h): an entry serves only its revision, only until a
// forgetting that concerns it, for at most kFreshMs, and the whole stays within its bytes.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "modules/wiki/page_cache.h"

namespace agora::wiki {
namespace {

TEST(WikiPageCache, AnEntryServesItsRevisionOnly) {
  ManualClock clock(1'000'000);
  PageCache cache(clock);
  EXPECT_EQ(cache.Get(7, 1), nullptr);
  cache.Put(7, 1, cache.generation(), 0, "\"body\":\"one\"");
  auto hit = cache.Get(7, 1);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->members, "\"body\":\"one\"");
  EXPECT_EQ(cache.Get(7, 2), nullptr) << "a newer revision is not the kept one";
  EXPECT_EQ(cache.Get(8, 1), nullptr);
  // The newer revision replaces it.
  cache.Put(7, 2, cache.generation(), 0, "\"body\":\"two\"");
  EXPECT_EQ(cache.Get(7, 1), nullptr);
  EXPECT_EQ(cache.Get(7, 2)->members, "\"body\":\"two\"");
}

TEST(WikiPageCache, ForgettingAndTimeEndEntries) {
  ManualClock clock(1'000'000);
  PageCache cache(clock);
  cache.Put(1, 1, cache.generation(), 0, "a");
  cache.Forget();  // a page moved somewhere: every breadcrumb may be wrong
  EXPECT_EQ(cache.Get(1, 1), nullptr);
  // Made from a read that began before the change: never served.
  const auto before = cache.generation();
  cache.Forget();
  cache.Put(2, 1, before, 0, "b");
  EXPECT_EQ(cache.Get(2, 1), nullptr);
  cache.Put(3, 1, cache.generation(), 0, "c");
  clock.Advance(PageCache::kFreshMs);
  EXPECT_NE(cache.Get(3, 1), nullptr);
  clock.Advance(1);
  EXPECT_EQ(cache.Get(3, 1), nullptr) << "names may have changed where no event says so";
}

TEST(WikiPageCache, ACardChangeDropsOnlyThePagesShowingIt) {
  ManualClock clock(1'000'000);
  PageCache cache(clock);
  cache.Put(1, 1, cache.generation(), /*card=*/100, "ana's");
  cache.Put(2, 1, cache.generation(), /*card=*/200, "bo's");
  cache.Put(3, 4, cache.generation(), /*card=*/100, "ana's too");
  const auto before = cache.generation();  // a read begins
  cache.ForgetCards({100});                // Ana's photo changed
  EXPECT_EQ(cache.Get(1, 1), nullptr);
  EXPECT_EQ(cache.Get(3, 4), nullptr);
  ASSERT_NE(cache.Get(2, 1), nullptr) << "Bo's card did not change";
  EXPECT_EQ(cache.Get(2, 1)->members, "bo's");
  // What the read that began before the change made is handed back, not kept: it may show
  // the old card.
  auto late = cache.Put(4, 1, before, 100, "ana's, old");
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(cache.Get(4, 1), nullptr);
  cache.Put(4, 1, cache.generation(), 100, "ana's, new");
  EXPECT_EQ(cache.Get(4, 1)->members, "ana's, new");
  // A rename forgets everything, whoever it shows.
  cache.Forget();
  EXPECT_EQ(cache.Get(2, 1), nullptr);
  EXPECT_EQ(cache.Get(4, 1), nullptr);
}

TEST(WikiPageCache, StaysWithinItsBytes) {
  ManualClock clock(1'000'000);
  PageCache cache(clock, 16 * 4096);  // 4 KiB a shard
  const std::string kilobyte(1024, 'x');
  for (Id id = 0; id < 16 * 40; ++id) cache.Put(id, 1, cache.generation(), 0, kilobyte);
  size_t kept = 0;
  for (Id id = 0; id < 16 * 40; ++id) kept += cache.Get(id, 1) != nullptr;
  EXPECT_LE(kept, 16u * 4) << "at most four 1 KiB entries fit a shard";
  EXPECT_GE(kept, 16u * 3);
  // Too large for a quarter of a shard: handed back, not kept.
  auto huge = cache.Put(10'000, 1, cache.generation(), 0, std::string(2048, 'y'));
  ASSERT_NE(huge, nullptr);
  EXPECT_EQ(huge->members.size(), 2048u);
  EXPECT_EQ(cache.Get(10'000, 1), nullptr);
}

}  // namespace
}  // namespace agora::wiki
