#include "modules/wiki/page_cache.h"

#include <algorithm>

namespace agora::wiki {

std::shared_ptr<const CachedPage> PageCache::Get(Id page, int revision) const {
  const auto& shard = ShardOf(page);
  std::shared_ptr<const CachedPage> e;
  {
    std::shared_lock lock(shard.mu);
    auto it = shard.entries.find(page);
    if (it == shard.entries.end()) return nullptr;
    e = it->second;
  }
  if (e->revision != revision || e->generation < floor_.load() || clock_.NowMs() - e->made_at > kFreshMs) return nullptr;
  return e;
}

std::shared_ptr<const CachedPage> PageCache::Put(Id page, int revision, std::uint64_t generation, Id card, std::string members) {
  auto e = std::make_shared<CachedPage>();
  e->revision = revision;
  e->generation = generation;
  e->made_at = clock_.NowMs();
  e->card = card;
  e->members = std::move(members);
  const size_t size = e->members.size();
  if (size > per_shard_bytes_ / 4) return e;  // a huge page is not worth a quarter of the shard
  auto& shard = ShardOf(page);
  std::lock_guard lock(shard.mu);
  // Checked under the shard's lock: a forgetting bumps the generation before it sweeps the
  // shards, so an entry either sees the bump here or is swept after it is kept.
  if (generation != generation_.load()) return e;
  if (auto it = shard.entries.find(page); it != shard.entries.end()) {
    shard.bytes -= it->second->members.size();
    shard.entries.erase(it);
  }
  // Full: drop arbitrary entries. What matters is that memory stays bounded; the pages read
  // most are put back by their next read.
  while (shard.bytes + size > per_shard_bytes_ && !shard.entries.empty()) {
    shard.bytes -= shard.entries.begin()->second->members.size();
    shard.entries.erase(shard.entries.begin());
  }
  shard.bytes += size;
  shard.entries.emplace(page, e);
  return e;
}

void PageCache::Forget() {
  const std::uint64_t now = generation_.fetch_add(1) + 1;
  // Raised, never lowered: two at once leave the later one's floor.
  for (auto floor = floor_.load(); floor < now && !floor_.compare_exchange_weak(floor, now);) {
  }
}

void PageCache::ForgetCards(const std::vector<Id>& people) {
  if (people.empty()) return;
  // Sorted once: a directory sync can name thousands of people in one event.
  std::vector<Id> sorted = people;
  std::sort(sorted.begin(), sorted.end());
  generation_.fetch_add(1);
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mu);
    for (auto it = shard.entries.begin(); it != shard.entries.end();) {
      if (std::binary_search(sorted.begin(), sorted.end(), it->second->card)) {
        shard.bytes -= it->second->members.size();
        it = shard.entries.erase(it);
      } else {
        ++it;
      }
    }
  }
}

}  // namespace agora::wiki
