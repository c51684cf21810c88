// Domain events (DESIGN.md "Modules"): a service publishes one after its transaction has
// committed; subscribers (live push now; search indexing and webhooks later) run on the
// bus's own thread, so nothing they do delays the request that caused the event. In
// process only; across nodes Redis will carry the same events.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/ids.h"

namespace agora::bus {

struct Event {
  enum class Kind {
    kPostCreated,       // content_id
    kPostDeleted,       // content_id
    kCommentCreated,    // content_id, comment_id
    kCommentChanged,    // content_id, comment_id (edited or deleted)
    kReactionsChanged,  // content_id, and comment_id when the target is a comment
    kNotified,          // people: whose notifications changed
  };
  Kind kind;
  Id actor = 0;
  Id content_id = 0;
  Id comment_id = 0;
  std::vector<Id> people;
};

class Bus {
 public:
  using Subscriber = std::function<void(const Event&)>;
  ~Bus();
  // Before Start().
  void Subscribe(Subscriber s);
  // Starts the delivery thread. Without it, Publish delivers synchronously (tools, tests).
  void Start();
  // Delivers what is queued, then stops the thread.
  void Stop();
  // Thread-safe and quick: queues the event. Beyond kMaxQueued undelivered events the newest
  // are dropped (and counted): live push is best-effort; clients resynchronize.
  void Publish(Event e);

  static constexpr size_t kMaxQueued = 100'000;

 private:
  void Run();
  void Deliver(const Event& e);

  std::vector<Subscriber> subscribers_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Event> queue_;
  bool running_ = false, stopping_ = false;
  std::uint64_t dropped_ = 0;
  std::thread thread_;
};

}  // namespace agora::bus
