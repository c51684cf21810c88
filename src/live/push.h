// Live push: turns domain events (bus/bus.h) into stream events for the people present on
// GET /api/v1/stream (live/stream_hub.h), each under the audience rule:
//   a new post        -> "post" (as they would see it in their feed) to those whose home
//                        feed it enters: its author, their followers, followers of its
//                        hashtags, and the people it names;
//   a deleted post    -> "post.deleted" {"id"} to the connections showing it;
//   a new comment     -> "comment" (the comment) and "counts" to the connections showing its
//                        content; an edited or deleted one -> "comment.changed";
//   reactions         -> "counts" {"id", "comment_count", "reaction_count", "reactions"};
//   notifications     -> "notifications" {"unread"} to each recipient.
#pragma once

#include "bus/bus.h"
#include "core/metrics.h"
#include "live/stream_hub.h"
#include "modules/comments/service.h"
#include "modules/notifications/service.h"
#include "modules/posts/service.h"
#include "store/database.h"

namespace agora::live {

class LivePush {
 public:
  LivePush(agora::store::Database& db, posts::PostService& posts, comments::CommentService& comments,
           notifications::NotificationService& notifications, StreamHub& hub)
      : db_(db), posts_(posts), comments_(comments), notifications_(notifications), hub_(hub) {}

  void Handle(const bus::Event& e);
  // Prometheus lines: how long a new post took to reach every present reader's queue, and
  // how many frames were queued.
  void RenderMetrics(std::string& out) const;
  // The ids among `ids` that `reader` may read (StreamHub::SetWatchFilter).
  std::vector<Id> Readable(const StreamReader& reader, std::vector<Id> ids);

  // Below this many people present, each is checked with point queries; above, the post's
  // followers are read and matched against those present.
  static constexpr size_t kFewPresent = 1000;

 private:
  void PostCreated(Id id);
  void CommentEvent(const bus::Event& e);
  void Counts(Id content_id);

  agora::store::Database& db_;
  posts::PostService& posts_;
  comments::CommentService& comments_;
  notifications::NotificationService& notifications_;
  StreamHub& hub_;
  metrics::Histogram post_fanout_;
  metrics::Counter frames_;
};

}  // namespace agora::live
