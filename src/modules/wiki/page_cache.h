// Pages as every reader of them gets them: the parts of a page's JSON that do not depend on
// who reads it (its Markdown, its HTML with mentions named, the table of contents, the
// breadcrumbs, who saved it last), serialized once per revision. A read then asks the page's
// row without its texts, the audience rule and what is the reader's own (their role in the
// space, whether they watch it, the backlinks they may see), and splices the kept text in,
// instead of loading, rendering and escaping some kilobytes each time.
//
// An entry is used only for the revision it was made from (each read asks the row), while
// its HTML is not stale (a linked page came or went: the row says so), while no page was
// moved, renamed or deleted and no person's name or handle changed since it was made
// (breadcrumbs name ancestors, mentions name people: Forget), and while the card it shows
// (its last editor's) did not change (ForgetCards: a photo, a field or an endorsement, far
// more frequent than renames, drops only the pages that person saved last), which the events
// say (bus.h kWikiTreeChanged, kAccountChanged, kProfileChanged: WikiService::Apply); for at
// most kFreshMs all the same (a command-line process publishes no events).
// Pages whose HTML links to other spaces are not kept: which of those links a reader sees
// depends on the reader (render.h ForReader).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"

namespace agora::wiki {

struct CachedPage {
  int revision = 0;
  std::uint64_t generation = 0;
  std::int64_t made_at = 0;
  Id card = 0;          // whose card it shows (the page's last editor)
  std::string members;  // JSON object members, no braces: "body":...,"html":...
};

class PageCache {
 public:
  static constexpr std::int64_t kFreshMs = 60'000;

  explicit PageCache(const Clock& clock, size_t max_bytes = 64 * 1024 * 1024) : clock_(clock), per_shard_bytes_(max_bytes / kShards) {}

  // The entry for this revision, if it is still good.
  std::shared_ptr<const CachedPage> Get(Id page, int revision) const;
  // Keeps `members` (showing `card`'s card) for the page's revision, made from a read that
  // began under `generation` (generation() before the page was loaded): not kept when
  // anything was forgotten since, since the read may have seen it before the change.
  // Returns the entry (also when it was too large, or too late, to keep).
  std::shared_ptr<const CachedPage> Put(Id page, int revision, std::uint64_t generation, Id card, std::string members);
  // A page was moved, renamed or deleted, or a person's name or handle changed: every kept
  // breadcrumb or mention may be wrong.
  void Forget();
  // These people's cards changed: the pages showing them are dropped.
  void ForgetCards(const std::vector<Id>& people);
  std::uint64_t generation() const { return generation_.load(); }

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable std::shared_mutex mu;
    std::unordered_map<Id, std::shared_ptr<const CachedPage>> entries;
    size_t bytes = 0;
  };
  Shard& ShardOf(Id id) { return shards_[static_cast<size_t>(id) % kShards]; }
  const Shard& ShardOf(Id id) const { return shards_[static_cast<size_t>(id) % kShards]; }

  const Clock& clock_;
  size_t per_shard_bytes_;
  // Bumped by every forgetting; entries made before `floor_` (the last Forget) are not used.
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> floor_{0};
  std::array<Shard, kShards> shards_;
};

}  // namespace agora::wiki
