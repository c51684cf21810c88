// Feeds: a person's home (posts and shares of the people and hashtags they follow, posts
// shared with them by name, and their own), a person's timeline and a hashtag's feed, newest
// first with cursor paging, every item under the audience rule. Following hashtags.
//
// Strategy (docs/feed.md): fan-out on read, merging the in-memory lists of posts by author
// and by hashtag (posts/post_index.h); from SQL while that index is being built.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/content/model.h"
#include "modules/identity/model.h"
#include "modules/feed/subscriptions.h"
#include "modules/posts/service.h"
#include "store/database.h"

namespace agora::feed {

struct Source {
  // kDiscover: everything the reader may read across the organization (not posts for named
  // people), newest first: a new person's way in before they follow anyone.
  enum class Kind { kHome, kPerson, kTag, kCommunity, kDiscover } kind = Kind::kHome;
  Id person = 0;    // kPerson, or the community for kCommunity
  std::string tag;  // kTag, normalized
};
// "" -> home, "discover", "person:{id}", "tag:{tag}", "community:{id}"; 422 naming "source" otherwise.
Result<Source> ParseSource(std::string_view text);

struct Page {
  std::vector<Id> ids;             // the posts of the page, newest first
  std::vector<std::string> items;  // each as JSON (posts::json::PostJson's shape)
  std::optional<std::string> next_cursor;
};

// An item of another kind than posts in the home feed (blogs/: an entry of a blog the reader
// follows), with the id it sorts by among the posts' ids (time-ordered: core/ids.h).
struct HomeItem {
  Id key = 0;
  std::string json;  // its kind's JSON, with a "kind" the web client tells apart
};
// The reader's items of a kind with keys below `before`, newest first, at most `limit`.
using HomeSource =
    std::function<std::vector<HomeItem>(agora::store::Connection&, const content::Viewer&, Id before, int limit)>;

struct TagInfo {
  std::string tag;
  bool followed = false;
};

struct TrendingTag {
  std::string tag;
  std::int64_t posts = 0;
};

class FeedService {
 public:
  // `bus` hears of hashtag follows after they commit (kSubscriptionsChanged).
  FeedService(agora::store::Database& db, const Clock& clock, posts::PostService& posts,
              const posts::PostIndex* index = nullptr, bus::Bus* bus = nullptr)
      : db_(db), clock_(clock), posts_(posts), index_(index), bus_(bus), subscriptions_(clock) {}

  // A person's timeline needs a viewer who may see the person (404 otherwise); the home feed
  // needs a signed-in viewer.
  Result<Page> Read(const content::Viewer& viewer, const Source& source, std::string_view cursor, int limit);

  // A community's pinned posts that the viewer may read, most recently pinned first; 404 when
  // the viewer may not see the community.
  Result<Page> Pinned(const content::Viewer& viewer, Id community);

  Result<TagInfo> Tag(const content::Viewer& viewer, std::string_view tag);
  // The hashtags of the most posts in the last 7 days, counting only posts everyone in the
  // organization reads (public and organization-wide), so one list serves every member; it
  // is counted at most every 5 minutes. Empty for guests and alumni, who read none of them.
  std::vector<TrendingTag> Trending(const content::Viewer& viewer, int limit);
  Result<TagInfo> FollowTag(const identity::Principal& who, std::string_view tag);
  Result<TagInfo> UnfollowTag(const identity::Principal& who, std::string_view tag);

  // Another kind's items among the home feed's posts (set up before serving).
  void AddHomeSource(HomeSource source) { home_sources_.push_back(std::move(source)); }

  // Keeps the subscription cache exact: a person's entry goes on kFollowsChanged (people they
  // follow) and kSubscriptionsChanged (hashtags, memberships, mutes) (bus.h "appliers").
  void Apply(const bus::Event& e);

 private:
  // The home feed's page of posts (`post_ids`, one more than `limit` when more follow) with the
  // other sources' items among them, in key order, into `page`.
  void MergeHomeItems(agora::store::Connection& c, const content::Viewer& viewer, Id before, int limit, std::vector<Id>& post_ids,
                      Page& page, const Subscriptions* subs);
  void SubscriptionsChanged(Id person) {
    if (bus_) bus_->Publish({.kind = bus::Event::Kind::kSubscriptionsChanged, .actor = person});
  }

  agora::store::Database& db_;
  const Clock& clock_;
  posts::PostService& posts_;
  const posts::PostIndex* index_;
  bus::Bus* bus_;
  std::vector<HomeSource> home_sources_;
  SubscriptionCache subscriptions_;
  std::mutex trending_mu_;
  std::vector<TrendingTag> trending_;
  std::int64_t trending_at_ms_ = -1;
};

}  // namespace agora::feed
