#include "modules/identity/login_limiter.h"

#include <algorithm>

namespace agora::identity {

LoginLimiter::LoginLimiter(const Clock& clock, int free_per_account, int free_per_ip)
    : clock_(clock), free_per_account_(free_per_account), free_per_ip_(free_per_ip) {}

std::vector<LoginLimiter::Key> LoginLimiter::KeysOf(const LoginAttempt& a) const {
  if (!a.device.empty()) return {{"d:" + a.device + "\n" + a.account, free_per_account_, true}};
  return {{"a:" + a.account, free_per_account_, true}, {"i:" + a.ip, free_per_ip_, false}};
}

std::int64_t LoginLimiter::WaitFor(const Key& key, std::int64_t now) {
  auto it = entries_.find(key.name);
  if (it == entries_.end()) return 0;
  Entry& e = it->second;
  if (e.pending == 0 && now - e.last_failure_ms > kForgetAfterMs) {
    entries_.erase(it);
    return 0;
  }
  if (e.blocked_until_ms > now) return e.blocked_until_ms - now;
  // Within the free attempts several may run at once; beyond them, one at a time.
  if (e.pending > 0 && e.failures + e.pending >= key.free) return 1000;
  return 0;
}

int LoginLimiter::Admit(const LoginAttempt& attempt) {
  std::lock_guard lock(mu_);
  auto now = clock_.NowMs();
  auto keys = KeysOf(attempt);
  std::int64_t wait = 0;
  for (const auto& k : keys) wait = std::max(wait, WaitFor(k, now));
  if (wait > 0) return static_cast<int>((wait + 999) / 1000);
  PruneIfLarge(now);
  for (const auto& k : keys) ++entries_[k.name].pending;
  return 0;
}

void LoginLimiter::Fail(Entry& e, int free, std::int64_t now) {
  if (e.failures > 0 && now - e.last_failure_ms > kForgetAfterMs) e.failures = 0;
  ++e.failures;
  e.last_failure_ms = now;
  int over = e.failures - free;
  if (over > 0) {
    std::int64_t delay = over >= 20 ? kMaxDelayMs : std::min<std::int64_t>(kMaxDelayMs, 1000LL << (over - 1));
    e.blocked_until_ms = now + delay;
  }
}

void LoginLimiter::Finish(const LoginAttempt& attempt, bool success) {
  std::lock_guard lock(mu_);
  auto now = clock_.NowMs();
  for (const auto& k : KeysOf(attempt)) {
    Entry& e = entries_[k.name];
    e.pending = std::max(0, e.pending - 1);
    if (!success) {
      Fail(e, k.free, now);
    } else if (k.clear_on_success) {
      e.failures = 0;
      e.blocked_until_ms = 0;
    }
    if (e.pending == 0 && e.failures == 0) entries_.erase(k.name);
  }
}

void LoginLimiter::Abandon(const LoginAttempt& attempt) {
  std::lock_guard lock(mu_);
  for (const auto& k : KeysOf(attempt)) {
    Entry& e = entries_[k.name];
    e.pending = std::max(0, e.pending - 1);
    if (e.pending == 0 && e.failures == 0) entries_.erase(k.name);
  }
}

void LoginLimiter::PruneIfLarge(std::int64_t now) {
  // Bounded memory under a spray of random e-mail addresses: drop forgotten entries, and if
  // that is not enough, those not currently blocked (never those with attempts running).
  if (entries_.size() < 100000) return;
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.pending == 0 && now - kv.second.last_failure_ms > kForgetAfterMs; });
  if (entries_.size() >= 100000)
    std::erase_if(entries_, [&](const auto& kv) { return kv.second.pending == 0 && kv.second.blocked_until_ms <= now; });
}

}  // namespace agora::identity
