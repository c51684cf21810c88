// Throttles writes per person: every signed-in request that changes something (POST, PUT,
// PATCH, DELETE) takes a token from the person's bucket, which holds `burst` tokens and
// refills at `per_minute`. An empty bucket answers 429 with Retry-After. Generous for people
// (120 writes at once, then 10 a second by default), a brake on a runaway script or a
// hijacked token. In memory, per node; 0 per minute turns it off. Thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <mutex>
#include <unordered_map>

#include "core/ids.h"

namespace agora::http {

class WriteLimiter {
 public:
  WriteLimiter(int per_minute, int burst) : per_minute_(per_minute), burst_(burst) {}
  // 0 when the write may go ahead (and a token is taken); otherwise seconds to wait.
  int Take(Id user);
  bool enabled() const { return per_minute_ > 0; }
  int burst() const { return burst_; }

 private:
  using Clock = std::chrono::steady_clock;
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated{};
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<Id, Bucket> buckets;
  };
  static constexpr size_t kShards = 16;

  const int per_minute_;
  const int burst_;
  std::array<Shard, kShards> shards_;
};

}  // namespace agora::http
