#include "core/ids.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

namespace agora {

TEST(IdGenerator, IdsAreTimeOrderedAndCarryTheirTime) {
  IdGenerator gen(3);
  Id a = gen.NextAt(1'700'000'000'000);
  Id b = gen.NextAt(1'700'000'000'001);
  EXPECT_LT(a, b);
  EXPECT_EQ(IdUnixMs(a), 1'700'000'000'000);
  EXPECT_EQ((a >> kIdSequenceBits) & ((1 << kIdNodeBits) - 1), 3);
}

TEST(IdGenerator, SameMillisecondUsesTheSequence) {
  IdGenerator gen(0);
  Id a = gen.NextAt(1'700'000'000'000);
  Id b = gen.NextAt(1'700'000'000'000);
  EXPECT_EQ(b, a + 1);
}

TEST(IdGenerator, ClockGoingBackwardsNeverRepeatsAnId) {
  IdGenerator gen(0);
  Id a = gen.NextAt(1'700'000'000'500);
  Id b = gen.NextAt(1'700'000'000'000);
  EXPECT_GT(b, a);
}

TEST(IdGenerator, SequenceOverflowMovesToTheNextMillisecond) {
  IdGenerator gen(0);
  Id last = 0;
  for (int i = 0; i < (1 << kIdSequenceBits) + 5; ++i) {
    Id id = gen.NextAt(1'700'000'000'000);
    ASSERT_GT(id, last);
    last = id;
  }
  EXPECT_EQ(IdUnixMs(last), 1'700'000'000'001);
}

TEST(IdGenerator, ConcurrentCallersGetUniqueIds) {
  IdGenerator gen(1);
  std::vector<std::vector<Id>> got(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5000; ++i) got[t].push_back(gen.Next());
    });
  for (auto& th : threads) th.join();
  std::set<Id> all;
  for (auto& v : got) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 20000u);
}

TEST(IdGenerator, RejectsNodeOutOfRange) { EXPECT_THROW(IdGenerator(1024), std::invalid_argument); }

TEST(ParseId, AcceptsOnlyPositiveDecimal) {
  EXPECT_EQ(ParseId("123"), 123);
  EXPECT_EQ(ParseId("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(ParseId(""));
  EXPECT_FALSE(ParseId("0"));
  EXPECT_FALSE(ParseId("-5"));
  EXPECT_FALSE(ParseId("12a"));
  EXPECT_FALSE(ParseId("9223372036854775808"));
}

}  // namespace agora
