#include "modules/people/viewed_cache.h"

#include <cstring>
#include <mutex>

namespace agora::people {

std::string ViewedCache::Key(Id viewer, std::string_view ref) {
  std::string key(sizeof viewer + ref.size(), '\0');
  std::memcpy(key.data(), &viewer, sizeof viewer);
  std::memcpy(key.data() + sizeof viewer, ref.data(), ref.size());
  return key;
}

std::shared_ptr<const Viewed> ViewedCache::Get(Id viewer, std::string_view ref) const {
  const auto& shard = ShardOf(viewer);
  std::shared_lock lock(shard.mu);
  auto it = shard.entries.find(Key(viewer, ref));
  if (it == shard.entries.end()) return nullptr;
  const std::int64_t age = clock_.NowMs() - it->second->loaded_at_ms;
  if (age < 0 || age >= kTtlMs) return nullptr;
  return it->second;
}

void ViewedCache::Put(Id viewer, std::string_view ref, std::shared_ptr<const Viewed> v) {
  auto& shard = ShardOf(viewer);
  std::string key = Key(viewer, ref);
  std::lock_guard lock(shard.mu);
  if (shard.entries.size() >= per_shard_ && !shard.entries.contains(key)) shard.entries.erase(shard.entries.begin());
  shard.entries[std::move(key)] = std::move(v);
}

}  // namespace agora::people
