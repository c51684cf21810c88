// What a profile read looked up for one viewer (store::ViewedSubject: the person's account,
// whether the viewer follows them, what the viewer endorsed), kept for up to kTtlMs, so a
// profile read under load runs no statement at all (on PostgreSQL a statement is a round
// trip: bench/engines.sh).
//
// Exact through events: an entry is only good while the profile cache still holds the very
// entry it was read with (`profile`). Every event of a change to the account, the profile,
// a follow or an endorsement drops that entry (PeopleService::Apply), and with it every
// viewer's entry for the person. kTtlMs bounds what a process with no bus to this one (the
// command line) changes, as it does for signed-in credentials (identity/auth_cache.h).
// Bounded: when full, an arbitrary entry goes. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"
#include "core/ids.h"
#include "modules/people/profile_cache.h"
#include "modules/people/store.h"

namespace agora::people {

struct Viewed {
  store::ViewedSubject subject;
  std::shared_ptr<const CachedProfile> profile;  // the profile cache's entry it goes with
  std::int64_t loaded_at_ms = 0;
};

class ViewedCache {
 public:
  explicit ViewedCache(const Clock& clock, size_t capacity = 200'000)
      : clock_(clock), per_shard_(capacity / kShards + 1) {}

  // `ref` as the reader named the person: an id, a handle or "me".
  std::shared_ptr<const Viewed> Get(Id viewer, std::string_view ref) const;
  void Put(Id viewer, std::string_view ref, std::shared_ptr<const Viewed> v);

  static constexpr std::int64_t kTtlMs = 1000;

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable std::shared_mutex mu;
    std::unordered_map<std::string, std::shared_ptr<const Viewed>> entries;
  };
  static std::string Key(Id viewer, std::string_view ref);
  const Shard& ShardOf(Id viewer) const { return shards_[static_cast<size_t>(viewer) % kShards]; }
  Shard& ShardOf(Id viewer) { return shards_[static_cast<size_t>(viewer) % kShards]; }

  const Clock& clock_;
  size_t per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace agora::people
