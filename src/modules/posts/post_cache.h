// Feed pages render each post from here (DESIGN.md "Performance notes": cache serialized
// fragments of hot objects): the part of a post's JSON that is the same for every reader
// (author card, text, tags, the shared original), serialized once, and its counts. What
// depends on the reader (their own reaction, whether they may edit or delete, the reader
// list an author sees) is added per request.
//
// An entry goes on every event of a change to what it holds (Apply: a post edited or deleted,
// its share, comment or reaction counts changed), right after the commit on this node and on
// arrival on others; an author's new name or photo, a mentioned person's new name or handle
// (content::NameMentions), or a community's new name (post.community), shows within kTtlMs. Thread-safe.
#pragma once

#include <array>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "bus/bus.h"
#include "core/clock.h"
#include "modules/content/model.h"

namespace agora::posts {

struct CachedPost {
  Id id = 0;
  Id author = 0;
  content::Audience audience = content::Audience::kOrganization;
  Id container = 0;         // the community of a community post
  std::string fixed;        // JSON members without braces: "id":...,"shared":...
  std::string counts;       // JSON members: "comment_count":..,"reaction_count":..,"share_count":..
  std::string reactions;    // JSON members of "reactions" without "mine": "counts":{..},"total":..
  std::int64_t loaded_at_ms = 0;
};

class PostCache {
 public:
  explicit PostCache(const Clock& clock, size_t capacity = 200'000) : clock_(clock), per_shard_(capacity / kShards + 1) {}
  std::shared_ptr<const CachedPost> Get(Id id) const;
  void Put(std::shared_ptr<const CachedPost> post);
  void Invalidate(Id id);
  void Apply(const bus::Event& e);

  static constexpr std::int64_t kTtlMs = 30'000;

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable std::shared_mutex mu;
    std::unordered_map<Id, std::shared_ptr<const CachedPost>> entries;
  };
  Shard& ShardOf(Id id) { return shards_[static_cast<size_t>(id) % kShards]; }
  const Shard& ShardOf(Id id) const { return shards_[static_cast<size_t>(id) % kShards]; }

  const Clock& clock_;
  size_t per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace agora::posts
