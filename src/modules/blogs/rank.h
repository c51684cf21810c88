// How recommended an entry is, in a way that does not favour entries with few readers and
// fades with age (the directory's "most recommended").
//
// The share of readers who recommend it is estimated by the lower bound of the Wilson score
// interval (95%): 1 recommendation from 1 reader ranks below 40 from 50. Age is a factor
// that halves every 30 days, applied as 2^((published - epoch) / 30 days) rather than
// 2^(-(now - published) / 30 days): both order entries alike (the factor of `now` is common),
// but this one never changes once computed, so ranks are kept in a column and a blog's rank
// is the plain sum of its entries'. (The factor passes 2^1000, near a double's limit, in
// about 2108.)
#pragma once

#include <cstdint>

namespace agora::blogs {

double WilsonLowerBound(std::int64_t positive, std::int64_t total);
double EntryRank(std::int64_t recommendations, std::int64_t readers, std::int64_t published_ms);

}  // namespace agora::blogs
