// Writing notifications, called by the services whose changes cause them, inside their write
// transaction: a notification exists exactly when its cause does (a rolled-back comment
// leaves none; deleting a post deletes its notifications by cascade). The writer applies the
// recipient's settings and never notifies people of their own actions; callers apply the
// audience rule (a person who cannot read the content is not notified of it).
#pragma once

#include <optional>
#include <vector>

#include "core/ids.h"
#include "modules/notifications/model.h"
#include "store/database.h"

namespace agora::notifications {

struct Event {
  Kind kind;
  Id recipient = 0;
  Id actor = 0;
  std::optional<Id> content_id = std::nullopt;
  std::optional<Id> comment_id = std::nullopt;
  std::optional<Id> community_id = std::nullopt;
  // Reactions: the target (content or comment) they group on.
  std::optional<Id> group_target = std::nullopt;
};

inline constexpr const char* kMailNotification = "notification.mail";  // one notification, right away
inline constexpr const char* kMailDigest = "notification.digest";      // a daily or weekly digest

// How `kind` reaches `person` (their setting, or the kind's default).
Delivery DeliveryOf(agora::store::Connection& c, Id person, Kind kind);
// Records `e` (or adds its actor to the open group); false when nothing was written (the
// actor is the recipient, but for a reminder, or the recipient turned this kind off). Queues the mail of a kind
// delivered by mail, or marks the notification for the person's digest.
bool Notify(agora::store::Connection& c, IdGenerator& ids, const Event& e, std::int64_t now);
// Takes `actor` out of the unread reaction group on `target` for `recipient` (a withdrawn
// reaction); the group goes when nobody is left in it.
// Removes the notifications of `kind` about comment `comment_id` (a held comment's, once approved).
void RemoveAboutComment(agora::store::Connection& c, Kind kind, Id comment_id);
void WithdrawReaction(agora::store::Connection& c, Id recipient, Id target, Id actor);
// Who has notifications about this content (or these comments): their counts change when
// it is deleted (the notifications go by cascade).
std::vector<Id> RecipientsAbout(agora::store::Connection& c, Id content_id);
std::vector<Id> RecipientsAboutComments(agora::store::Connection& c, const std::vector<Id>& comment_ids);
// Removes the unread "started following you" of an unfollow.
void WithdrawFollow(agora::store::Connection& c, Id recipient, Id actor);

}  // namespace agora::notifications
