#include "modules/posts/post_cache.h"

#include <mutex>

namespace agora::posts {

std::shared_ptr<const CachedPost> PostCache::Get(Id id) const {
  const auto& shard = ShardOf(id);
  std::shared_lock lock(shard.mu);
  auto it = shard.entries.find(id);
  if (it == shard.entries.end() || clock_.NowMs() - it->second->loaded_at_ms > kTtlMs) return nullptr;
  return it->second;
}

void PostCache::Put(std::shared_ptr<const CachedPost> post) {
  auto& shard = ShardOf(post->id);
  std::unique_lock lock(shard.mu);
  // Full: drop an arbitrary entry; memory stays bounded, and feeds mostly read recent posts.
  if (shard.entries.size() >= per_shard_ && !shard.entries.contains(post->id)) shard.entries.erase(shard.entries.begin());
  shard.entries[post->id] = std::move(post);
}

void PostCache::Invalidate(Id id) {
  auto& shard = ShardOf(id);
  std::unique_lock lock(shard.mu);
  shard.entries.erase(id);
}

void PostCache::Apply(const bus::Event& e) {
  using Kind = bus::Event::Kind;
  switch (e.kind) {
    case Kind::kPostEdited:
    case Kind::kPostDeleted:
    case Kind::kSharesChanged:
    case Kind::kCommentCreated:
    case Kind::kCommentChanged:  // a deleted comment and its replies leave the count
    case Kind::kReactionsChanged:
      Invalidate(e.content_id);
      break;
    default:
      break;
  }
}

}  // namespace agora::posts
