// Every post's id by author and by hashtag, in memory, newest last: what the feeds merge
// (docs/feed.md). A home page is then a heap merge over the lists of the people and hashtags
// a reader follows instead of an SQL walk through every recent post. About 16 bytes per post
// and per hashtag use (10 million posts: about 300 MB).
//
// Built from the database at start (in the background; until it is ready, feeds use SQL)
// and kept current by the post events (Apply: kPostCreated, kPostEdited, kPostDeleted carry
// what the index holds of a post), applied right after the commit on this node, so a reader
// sees their own post at once, and on arrival on others. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/unordered/unordered_flat_map.hpp>

#include "bus/bus.h"
#include "core/ids.h"
#include "modules/content/model.h"
#include "store/database.h"

namespace agora::posts {

class PostIndex {
 public:
  struct Entry {
    Id id = 0;
    Id author = 0;
    content::Audience audience = content::Audience::kOrganization;
  };

  explicit PostIndex(agora::store::Database& db) : db_(db) {}
  ~PostIndex();
  // Loads every post on a background thread; Ready() turns true when done.
  void StartBuilding();
  // Loads every post now (tests, tools).
  void Build();
  bool Ready() const { return ready_.load(std::memory_order_acquire); }

  void Apply(const bus::Event& e);
  // `community`: the community a post is in (0: none); `readers`: a restricted post's named readers.
  void Added(const Entry& e, const std::vector<std::string>& tags, Id community = 0, const std::vector<Id>& readers = {});
  void TagsChanged(const Entry& e, const std::vector<std::string>& before, const std::vector<std::string>& after);
  void Removed(const Entry& e, const std::vector<std::string>& tags, Id community = 0, const std::vector<Id>& readers = {});

  // Up to `want` entries older than `before_id`, newest first, from the posts of `authors`,
  // `tags` and `communities` and the restricted posts that name `reader` (0: none), each once,
  // keeping only those `keep` accepts (told the community of a community post, 0 otherwise). At most kMaxExamined entries are looked at: a reader
  // who may see few of them gets a short page and `more` with where to go on.
  struct Merged {
    std::vector<Entry> entries;
    bool more = false;  // stopped at kMaxExamined with entries left
    Id resume_before = 0;  // with `more`: the id to continue below
  };
  Merged Merge(const std::vector<Id>& authors, const std::vector<std::string>& tags, const std::vector<Id>& communities,
               Id reader, Id before_id, size_t want,
               const std::function<bool(const Entry&, Id community)>& keep) const;
  static constexpr size_t kMaxExamined = 20000;

  size_t posts() const;

 private:
  void Insert(std::vector<Entry>& list, const Entry& e);
  static void Erase(std::vector<Entry>& list, Id id);

  agora::store::Database& db_;
  mutable std::shared_mutex mu_;
  boost::unordered_flat_map<Id, std::vector<Entry>> by_author_;  // open addressing: a home page looks up ~175
  std::unordered_map<std::string, std::vector<Entry>> by_tag_;
  std::unordered_map<Id, std::vector<Entry>> by_community_;
  std::unordered_map<Id, Id> community_of_;  // community posts only: their community
  std::unordered_map<Id, std::vector<Entry>> by_reader_;  // restricted posts, by the people they name
  // Changes made while the initial load runs, applied after it (the load's snapshot may or
  // may not include them; applying twice is harmless).
  std::vector<std::function<void()>> pending_;
  std::atomic<bool> ready_{false};
  bool building_ = false;
  std::thread builder_;
};

}  // namespace agora::posts
