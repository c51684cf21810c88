#include "modules/feed/subscriptions.h"

#include <mutex>

namespace agora::feed {
namespace {
constexpr const char* kFollowees = "SELECT followee_id FROM follows WHERE follower_id = ?1";
constexpr const char* kFollowedTags = "SELECT tag FROM tag_follows WHERE person_id = ?1";
constexpr const char* kCommunities =
    "SELECT community_id FROM community_members WHERE person_id = ?1 AND state = 'active' AND muted = 0";
}  // namespace

std::shared_ptr<const Subscriptions> SubscriptionCache::Get(agora::store::Database& db, Id person) {
  auto& shard = ShardOf(person);
  const std::int64_t now = clock_.NowMs();
  std::uint64_t forgets = 0;
  {
    std::shared_lock lock(shard.mu);
    auto it = shard.entries.find(person);
    if (it != shard.entries.end() && now - it->second->loaded_at_ms <= kTtlMs) return it->second;
    forgets = shard.forgets;
  }
  // The read begins after `forgets` was taken, and a commit ends every reused snapshot
  // (store/database.h), so a change forgotten before this point is in what is read; one
  // forgotten after it bumps the counter and this read is not kept.
  auto s = std::make_shared<Subscriptions>();
  s->loaded_at_ms = now;
  db.Read([&](agora::store::Connection& c) {
    for (auto q = c.Prepare(kFollowees, person); q.Next();) s->people.push_back(q.Int(0));
    for (auto q = c.Prepare(kFollowedTags, person); q.Next();) s->tags.push_back(q.Text(0));
    for (auto q = c.Prepare(kCommunities, person); q.Next();) s->communities.push_back(q.Int(0));
  });
  std::unique_lock lock(shard.mu);
  if (shard.forgets != forgets) return s;
  if (shard.entries.size() >= per_shard_ && !shard.entries.contains(person)) shard.entries.erase(shard.entries.begin());
  shard.entries[person] = s;
  return s;
}

void SubscriptionCache::Forget(Id person) {
  auto& shard = ShardOf(person);
  std::unique_lock lock(shard.mu);
  shard.entries.erase(person);
  ++shard.forgets;
}

}  // namespace agora::feed
