// What a person's home feed is made of: the people and hashtags they follow and the
// communities they belong to (unless muted). A home page
// needs both for every request (about 175 people at the seeded graph's median), so they are
// kept in memory instead of read from SQL per page (docs/feed.md).
//
// A person's entry goes on the events of a change to it (FeedService::Apply: kFollowsChanged,
// kSubscriptionsChanged), applied right after the commit, so a reader's next page follows
// their change, and on other nodes when the event arrives. Changes made by a process with no
// bus to this one (`agora seed` against a running server) show within kTtlMs.
// Bounded: when full, an arbitrary entry goes. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "store/database.h"

namespace agora::feed {

struct Subscriptions {
  std::vector<Id> people;         // followed people
  std::vector<std::string> tags;  // followed hashtags
  std::vector<Id> communities;    // active memberships, not muted
  std::int64_t loaded_at_ms = 0;
};

class SubscriptionCache {
 public:
  explicit SubscriptionCache(const Clock& clock, size_t capacity = 100'000)
      : clock_(clock), per_shard_(capacity / kShards + 1) {}

  // The person's subscriptions, from memory or read from `db` (and kept). Call it outside
  // any read transaction: a snapshot older than a Forget() could otherwise be kept.
  std::shared_ptr<const Subscriptions> Get(agora::store::Database& db, Id person);
  void Forget(Id person);

  static constexpr std::int64_t kTtlMs = 60'000;

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    std::shared_mutex mu;
    std::unordered_map<Id, std::shared_ptr<const Subscriptions>> entries;
    std::uint64_t forgets = 0;  // a read that saw Forget() run meanwhile keeps nothing
  };
  Shard& ShardOf(Id id) { return shards_[static_cast<size_t>(id) % kShards]; }

  const Clock& clock_;
  size_t per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace agora::feed
