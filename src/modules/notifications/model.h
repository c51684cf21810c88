// Notifications: what happened that concerns a person, grouped where a stream of similar
// events would drown the rest (reactions on one target).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"

namespace agora::notifications {

// community_invite: invited to a community; community_request: someone asks to join one I
// moderate; community_accepted: my request was approved; blog_entry: an entry was published in
// a blog I follow; comment_held: a comment waits for my approval; wiki_change: a wiki page I
// watch (or a page of a space I watch) was changed (one unread per page, gathering its editors);
// wiki_review: a wiki page I look after is due for review (a reminder: its actor is me).
enum class Kind { kMention, kComment, kReply, kReaction, kFollow, kShare, kCommunityInvite, kCommunityRequest, kCommunityAccepted, kBlogEntry,
                  kCommentHeld, kWikiChange, kWikiReview };
std::string_view KindName(Kind k);
std::optional<Kind> ParseKind(std::string_view s);
inline constexpr Kind kAllKinds[] = {Kind::kMention,         Kind::kComment,          Kind::kReply,
                                     Kind::kReaction,        Kind::kFollow,           Kind::kShare,
                                     Kind::kCommunityInvite, Kind::kCommunityRequest, Kind::kCommunityAccepted,
                                     Kind::kBlogEntry,       Kind::kCommentHeld,      Kind::kWikiChange,
                                     Kind::kWikiReview};

struct Notification {
  Id id = 0;
  Kind kind = Kind::kMention;
  Id actor_id = 0;
  std::int64_t actor_count = 1;
  std::optional<Id> content_id;
  std::optional<Id> comment_id;
  std::optional<Id> community_id;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  bool read = false;
};

// What a person turned on and off (every kind is on unless turned off).
struct Settings {
  std::vector<std::pair<Kind, bool>> kinds;
};

// How a kind of notification reaches a person: only in the app, by mail right away, in a
// daily or weekly digest mail, or not at all.
enum class Delivery { kApp, kEmail, kDaily, kWeekly, kOff };
std::string_view DeliveryName(Delivery d);
std::optional<Delivery> ParseDelivery(std::string_view s);
// What a person gets before choosing: mentions, replies, held comments and review reminders
// by mail at once (someone is waiting for them), the rest in the daily digest.
inline Delivery DefaultDelivery(Kind k) {
  return k == Kind::kMention || k == Kind::kReply || k == Kind::kCommentHeld || k == Kind::kWikiReview ? Delivery::kEmail
                                                                                                       : Delivery::kDaily;
}
struct DeliverySettings {
  std::vector<std::pair<Kind, Delivery>> kinds;
};

}  // namespace agora::notifications
