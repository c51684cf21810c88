// The profile cache: entries expire, can be dropped, and memory stays bounded.
#include "modules/people/profile_cache.h"

#include <gtest/gtest.h>

namespace agora::people {
namespace {

std::shared_ptr<const CachedProfile> Entry(const char* title, std::int64_t at) {
  auto e = std::make_shared<CachedProfile>();
  e->profile.title = title;
  e->loaded_at_ms = at;
  return e;
}

TEST(ProfileCache, ServesUntilTheTimeToLiveThenForgets) {
  ManualClock clock(1'000'000);
  ProfileCache cache(clock, 5000);
  EXPECT_EQ(cache.Get(7), nullptr);
  cache.Put(7, Entry("Engineer", clock.NowMs()));
  ASSERT_NE(cache.Get(7), nullptr);
  EXPECT_EQ(cache.Get(7)->profile.title, "Engineer");
  clock.Advance(5000);
  EXPECT_NE(cache.Get(7), nullptr) << "still within the time-to-live";
  clock.Advance(1);
  EXPECT_EQ(cache.Get(7), nullptr);
}

TEST(ProfileCache, InvalidateDropsOnlyThatPerson) {
  ManualClock clock(0);
  ProfileCache cache(clock);
  cache.Put(1, Entry("a", 0));
  cache.Put(17, Entry("b", 0));  // same shard as 1 (16 shards)
  cache.Invalidate(1);
  EXPECT_EQ(cache.Get(1), nullptr);
  ASSERT_NE(cache.Get(17), nullptr);
  EXPECT_EQ(cache.Get(17)->profile.title, "b");
}

TEST(ProfileCache, StaysWithinItsCapacity) {
  ManualClock clock(0);
  ProfileCache cache(clock, 5000, 160);  // 10 per shard
  for (Id id = 1; id <= 10'000; ++id) cache.Put(id, Entry("x", 0));
  int held = 0;
  for (Id id = 1; id <= 10'000; ++id) held += cache.Get(id) != nullptr;
  EXPECT_LE(held, 16 * 11);
  EXPECT_GE(held, 16);
  EXPECT_NE(cache.Get(10'000), nullptr) << "the newest entry is kept";
}

}  // namespace
}  // namespace agora::people
