// Recently read profiles, as their viewer-independent part: the profile fields, follower and
// following counts, the manager's card and account, and each expertise tag's endorsement
// count. A profile read then costs a few point queries for what depends on the viewer or
// must be exact (the account row, whether the viewer follows or endorsed), instead of
// counting followers and joining endorsements each time.
//
// An entry goes on the events of a change to what it holds (PeopleService::Apply:
// kProfileChanged for edits, endorsements, photos and imports; kFollowsChanged for the
// counts), right after the commit and on other nodes when the event arrives. Each read also compares the profile row's updated_at with
// the entry's, so edits by another process (a staff import from the command line) show at
// once; what else another process changes shows within the time-to-live. The account row
// (name, handle, role, active) is always read fresh, so the audience rule never works from a
// stale role.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "modules/people/model.h"

namespace agora::people {

struct CachedProfile {
  Profile profile;                               // account part not to be trusted: read fresh
  std::optional<identity::User> manager_account;  // for the viewer's audience check
  std::optional<Card> manager;
  std::vector<std::pair<std::string, std::int64_t>> endorsement_counts;  // most endorsed first
  std::shared_ptr<RenderedProfile> rendered = std::make_shared<RenderedProfile>();
  std::int64_t version = 0;  // profiles.updated_at when loaded
  std::int64_t loaded_at_ms = 0;
};

class ProfileCache {
 public:
  ProfileCache(const Clock& clock, std::int64_t ttl_ms = 5000, size_t capacity = 100'000)
      : clock_(clock), ttl_ms_(ttl_ms), per_shard_(capacity / kShards + 1) {}

  std::shared_ptr<const CachedProfile> Get(Id id);
  void Put(Id id, std::shared_ptr<const CachedProfile> p);
  void Invalidate(Id id);

 private:
  static constexpr size_t kShards = 16;
  // Readers share a shard's lock (a popular profile is read by every thread at once);
  // expired entries are left for Put to replace.
  struct Shard {
    std::shared_mutex mu;
    std::unordered_map<Id, std::shared_ptr<const CachedProfile>> entries;
  };
  Shard& ShardOf(Id id) { return shards_[static_cast<size_t>(id) % kShards]; }

  const Clock& clock_;
  std::int64_t ttl_ms_;
  size_t per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace agora::people
