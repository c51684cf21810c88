// Domain events (DESIGN.md "Modules", "Caches and memory"): a service publishes one after
// its transaction has committed. Two kinds of listener hear it:
// - appliers keep this node's memory exact (caches, the post index, live streams opened
//   under a credential): they run inside Publish, on the publishing thread, so the change is
//   applied before the answer goes out and a person reads their own write at once. They
//   must be quick and thread-safe. When the bus spans several nodes (Redis), every other
//   node runs the same appliers on arrival: each cache says which events drop what it holds,
//   and nothing else touches it. A cache keeps what a read loaded only while
//   store::Database::ReadIsCurrent(): an event arriving from another node will have to
//   count as a commit there too.
// - subscribers (live push now; search indexing and webhooks later) run on the bus's own
//   thread, so nothing they do delays the request that caused the event.
// In process only for now.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/ids.h"

namespace agora::bus {

struct Event {
  enum class Kind {
    kPostCreated,       // content_id, post
    kPostEdited,        // content_id, post (with the tags before)
    kPostDeleted,       // content_id, post
    kSharesChanged,     // content_id: a post's share count changed
    kCommentCreated,    // content_id, comment_id
    kCommentChanged,    // content_id, comment_id (edited or deleted)
    kReactionsChanged,  // content_id, and comment_id when the target is a comment
    kNotified,          // people: whose notifications changed
    kProfileChanged,    // people: whose profile card changed (fields, manager, photo, endorsements)
    kFollowsChanged,    // actor followed or unfollowed people (both sides' counts, actor's home feed)
    kSubscriptionsChanged,  // actor's hashtag follows, memberships or community mutes changed
    kAccountChanged,    // people: whose account changed (name, handle): signed-in credentials carry it
    kAccessChanged,     // people lost access: a credential revoked (credential; 0: all of theirs),
                        // a new password, role or active state. Their live streams close.
    kWikiTreeChanged,   // content_id: a wiki page moved, was renamed or deleted (breadcrumbs below it)
  };
  // What the post index holds of a post (kPostCreated, kPostEdited, kPostDeleted).
  struct IndexedPost {
    Id author = 0;
    int audience = 0;  // content::Audience
    Id community = 0;  // 0: not a community post
    std::vector<std::string> tags = {};
    std::vector<std::string> tags_before = {};  // kPostEdited
    std::vector<Id> readers = {};  // a restricted post's named readers
  };
  Kind kind = Kind::kNotified;
  Id actor = 0;
  Id content_id = 0;
  Id comment_id = 0;
  std::vector<Id> people = {};
  Id credential = 0;  // kAccessChanged
  std::optional<IndexedPost> post = std::nullopt;
};

class Bus {
 public:
  using Subscriber = std::function<void(const Event&)>;
  ~Bus();
  // Before Start() and before anything publishes.
  void Subscribe(Subscriber s);
  void Apply(Subscriber applier);
  // Starts the delivery thread. Without it, Publish delivers synchronously (tools, tests).
  void Start();
  // Delivers what is queued, then stops the thread.
  void Stop();
  // Forgets every applier and subscriber (after Stop, before they are destroyed).
  void Clear();
  // Thread-safe: runs the appliers, then queues the event for the subscribers. Beyond
  // kMaxQueued undelivered events the newest are dropped for subscribers (and counted): live
  // push is best-effort; clients resynchronize. Appliers never miss one.
  void Publish(Event e);

  static constexpr size_t kMaxQueued = 100'000;

 private:
  void Run();
  void Deliver(const Event& e);

  std::vector<Subscriber> subscribers_;
  std::vector<Subscriber> appliers_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Event> queue_;
  bool running_ = false, stopping_ = false;
  std::uint64_t dropped_ = 0;
  std::thread thread_;
};

}  // namespace agora::bus
