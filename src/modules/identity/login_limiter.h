// Throttles password guessing: counts failed sign-ins per account and per client IP. After a
// number of free failures each further failure doubles the wait (1 s, 2 s, 4 s ... up to
// 15 min). A success clears the account's count. A key forgets its failures an hour after
// the last one. In memory, per node: across nodes each counts separately (DESIGN scale-out
// moves this to Redis). Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace agora::identity {

class LoginLimiter {
 public:
  LoginLimiter(const Clock& clock, int free_per_account, int free_per_ip);
  // 0 when a sign-in attempt may proceed now; otherwise the seconds to wait.
  int SecondsUntilAllowed(std::string_view account_key, std::string_view ip);
  void RecordFailure(std::string_view account_key, std::string_view ip);
  void RecordSuccess(std::string_view account_key);

  static constexpr std::int64_t kMaxDelayMs = 15 * 60 * 1000;
  static constexpr std::int64_t kForgetAfterMs = 60 * 60 * 1000;

 private:
  struct Entry {
    int failures = 0;
    std::int64_t last_failure_ms = 0;
    std::int64_t blocked_until_ms = 0;
  };
  void Fail(const std::string& key, int free, std::int64_t now);
  std::int64_t BlockedUntil(const std::string& key, std::int64_t now);
  void PruneIfLarge(std::int64_t now);

  const Clock& clock_;
  int free_per_account_;
  int free_per_ip_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace agora::identity
