#include "modules/blogs/rank.h"

#include <gtest/gtest.h>

namespace agora::blogs {

TEST(BlogRank, WilsonLowerBoundMatchesTheFormula) {
  // p = 0.5 of 10 at 95%: 0.2366 (the interval is 0.2366 to 0.7634).
  EXPECT_NEAR(WilsonLowerBound(5, 10), 0.2366, 0.0001);
  EXPECT_EQ(WilsonLowerBound(0, 10), 0);
  EXPECT_EQ(WilsonLowerBound(3, 0), 0);
}

TEST(BlogRank, FewVotesDoNotBeatMany) {
  EXPECT_LT(WilsonLowerBound(1, 1), WilsonLowerBound(40, 50));
  EXPECT_LT(WilsonLowerBound(2, 2), WilsonLowerBound(9, 10));
  EXPECT_LT(WilsonLowerBound(10, 100), WilsonLowerBound(10, 20));
}

TEST(BlogRank, HalvesEveryThirtyDaysOfAge) {
  const std::int64_t t = 1'790'000'000'000;
  const std::int64_t month = 30LL * 24 * 60 * 60 * 1000;
  EXPECT_NEAR(EntryRank(9, 10, t + month) / EntryRank(9, 10, t), 2.0, 1e-9);
  // A newer entry with as good a share outranks an older one; no recommendation is no rank.
  EXPECT_GT(EntryRank(4, 5, t + month), EntryRank(8, 10, t));
  EXPECT_EQ(EntryRank(0, 50, t), 0);
  // Readers are never fewer than those who recommend.
  EXPECT_EQ(EntryRank(3, 0, t), EntryRank(3, 3, t));
}

}  // namespace agora::blogs
