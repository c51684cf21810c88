// Counts requests per key (an e-mail address, a client address) in fixed windows: the
// password-reset form is limited per address and per IP so that nobody can flood a person's
// mailbox or the outbox. In memory, per node; bounded (the oldest windows go first).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace agora::identity {

class RequestLimiter {
 public:
  RequestLimiter(const Clock& clock, int per_window, std::int64_t window_ms, std::size_t max_keys = 100'000)
      : clock_(clock), per_window_(per_window), window_ms_(window_ms), max_keys_(max_keys) {}

  // Counts one request for `key`; 0 when it is allowed, else the seconds until it would be.
  int Admit(const std::string& key) {
    const std::int64_t now = clock_.NowMs();
    std::lock_guard lock(mu_);
    if (windows_.size() >= max_keys_) Prune(now);
    auto& w = windows_[key];
    if (now - w.start >= window_ms_) w = {now, 0};
    if (w.count >= per_window_) return static_cast<int>((w.start + window_ms_ - now + 999) / 1000);
    ++w.count;
    return 0;
  }

 private:
  struct Window {
    std::int64_t start = 0;
    int count = 0;
  };
  void Prune(std::int64_t now) {
    for (auto it = windows_.begin(); it != windows_.end();)
      it = now - it->second.start >= window_ms_ ? windows_.erase(it) : std::next(it);
    if (windows_.size() >= max_keys_) windows_.clear();  // a flood of distinct keys: start over
  }

  const Clock& clock_;
  const int per_window_;
  const std::int64_t window_ms_;
  const std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace agora::identity
