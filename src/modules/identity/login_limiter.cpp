#include "modules/identity/login_limiter.h"

#include <algorithm>

namespace agora::identity {

LoginLimiter::LoginLimiter(const Clock& clock, int free_per_account, int free_per_ip)
    : clock_(clock), free_per_account_(free_per_account), free_per_ip_(free_per_ip) {}

std::int64_t LoginLimiter::BlockedUntil(const std::string& key, std::int64_t now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  if (now - it->second.last_failure_ms > kForgetAfterMs) {
    entries_.erase(it);
    return 0;
  }
  return it->second.blocked_until_ms;
}

int LoginLimiter::SecondsUntilAllowed(std::string_view account_key, std::string_view ip) {
  std::lock_guard lock(mu_);
  auto now = clock_.NowMs();
  auto until = std::max(BlockedUntil("a:" + std::string(account_key), now), BlockedUntil("i:" + std::string(ip), now));
  if (until <= now) return 0;
  return static_cast<int>((until - now + 999) / 1000);
}

void LoginLimiter::Fail(const std::string& key, int free, std::int64_t now) {
  auto& e = entries_[key];
  if (e.failures > 0 && now - e.last_failure_ms > kForgetAfterMs) e = Entry{};
  ++e.failures;
  e.last_failure_ms = now;
  int over = e.failures - free;
  if (over > 0) {
    std::int64_t delay = over >= 20 ? kMaxDelayMs : std::min<std::int64_t>(kMaxDelayMs, 1000LL << (over - 1));
    e.blocked_until_ms = now + delay;
  }
}

void LoginLimiter::RecordFailure(std::string_view account_key, std::string_view ip) {
  std::lock_guard lock(mu_);
  auto now = clock_.NowMs();
  PruneIfLarge(now);
  Fail("a:" + std::string(account_key), free_per_account_, now);
  Fail("i:" + std::string(ip), free_per_ip_, now);
}

void LoginLimiter::RecordSuccess(std::string_view account_key) {
  std::lock_guard lock(mu_);
  entries_.erase("a:" + std::string(account_key));
}

void LoginLimiter::PruneIfLarge(std::int64_t now) {
  // Bounded memory under a spray of random e-mail addresses: drop forgotten entries, and if
  // that is not enough, those not currently blocked.
  if (entries_.size() < 100000) return;
  std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.last_failure_ms > kForgetAfterMs; });
  if (entries_.size() >= 100000)
    std::erase_if(entries_, [&](const auto& kv) { return kv.second.blocked_until_ms <= now; });
}

}  // namespace agora::identity
