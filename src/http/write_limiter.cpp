#include "http/write_limiter.h"

#include <algorithm>
#include <cmath>

namespace agora::http {

int WriteLimiter::Take(Id user) {
  if (per_minute_ <= 0) return 0;
  auto& shard = shards_[static_cast<size_t>(user) % kShards];
  const auto now = Clock::now();
  const double per_second = per_minute_ / 60.0;
  std::lock_guard lock(shard.mu);
  // Buckets that would be full again are dropped now and then, so memory stays bounded.
  if (shard.buckets.size() > 100'000)
    std::erase_if(shard.buckets, [&](const auto& e) {
      return std::chrono::duration<double>(now - e.second.updated).count() * per_second >= burst_;
    });
  auto [it, fresh] = shard.buckets.try_emplace(user, Bucket{static_cast<double>(burst_), now});
  Bucket& b = it->second;
  if (!fresh) {
    b.tokens = std::min<double>(burst_, b.tokens + std::chrono::duration<double>(now - b.updated).count() * per_second);
    b.updated = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / per_second)));
}

}  // namespace agora::http
