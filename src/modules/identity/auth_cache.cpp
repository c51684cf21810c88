#include "modules/identity/auth_cache.h"

#include <atomic>
#include <unordered_map>

namespace agora::identity::auth_cache {
namespace {

std::atomic<std::uint64_t> g_epoch{1};

struct Entry {
  Principal principal;
  std::uint64_t epoch;
  std::int64_t cached_at_ms;
  std::int64_t expires_at_ms;  // the credential's own expiry (sessions)
};

constexpr size_t kMaxEntries = 20000;

std::unordered_map<std::string, Entry>& Local() {
  thread_local std::unordered_map<std::string, Entry> map;
  return map;
}

}  // namespace

std::optional<Principal> Find(const std::string& key, std::int64_t now_ms) {
  auto& map = Local();
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  const Entry& e = it->second;
  if (e.epoch != g_epoch.load(std::memory_order_acquire) || now_ms - e.cached_at_ms >= kTtlMs ||
      now_ms < e.cached_at_ms || now_ms >= e.expires_at_ms) {
    map.erase(it);
    return std::nullopt;
  }
  return e.principal;
}

void Store(const std::string& key, const Principal& p, std::int64_t now_ms, std::int64_t expires_at_ms) {
  auto& map = Local();
  if (map.size() >= kMaxEntries) map.clear();  // bounded; a full refill costs one query each
  map.insert_or_assign(key, Entry{p, g_epoch.load(std::memory_order_acquire), now_ms, expires_at_ms});
}

void Apply(const bus::Event& e) {
  if (e.kind == bus::Event::Kind::kAccessChanged || e.kind == bus::Event::Kind::kAccountChanged)
    g_epoch.fetch_add(1, std::memory_order_acq_rel);
}

}  // namespace agora::identity::auth_cache
