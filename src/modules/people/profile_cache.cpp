#include "modules/people/profile_cache.h"

namespace agora::people {

std::shared_ptr<const CachedProfile> ProfileCache::Get(Id id) {
  auto& shard = ShardOf(id);
  std::shared_lock lock(shard.mu);
  auto it = shard.entries.find(id);
  if (it == shard.entries.end()) return nullptr;
  if (clock_.NowMs() - it->second->loaded_at_ms > ttl_ms_) return nullptr;
  return it->second;
}

void ProfileCache::Put(Id id, std::shared_ptr<const CachedProfile> p) {
  auto& shard = ShardOf(id);
  std::lock_guard lock(shard.mu);
  // Full: drop an arbitrary entry. Reads are spread over many people; what matters is that
  // memory stays bounded, not which entry goes.
  if (shard.entries.size() >= per_shard_ && !shard.entries.contains(id)) shard.entries.erase(shard.entries.begin());
  shard.entries[id] = std::move(p);
}

void ProfileCache::Invalidate(Id id) {
  auto& shard = ShardOf(id);
  std::lock_guard lock(shard.mu);
  shard.entries.erase(id);
}

}  // namespace agora::people
