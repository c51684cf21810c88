// Reading notifications: a person's list (newest activity first, each under the audience
// rule for its content), the unread count, marking read, and per-kind settings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/content/model.h"
#include "modules/identity/model.h"
#include "modules/notifications/model.h"
#include "modules/people/model.h"
#include "store/database.h"

namespace agora::notifications {

// A notification as its recipient reads it: who, and about what (the kind of content, a
// line of its text or the comment's, the reaction, the community).
struct Item {
  Notification n;
  people::Card actor;
  std::string content_kind;  // "post", "topic"; empty without content
  std::string snippet;       // the comment's text when about a comment, else the content's
  std::string reaction;      // for reactions: the actor's current one ("celebrate")
  std::string community_handle, community_name;
};

struct Page {
  std::vector<Item> items;
  std::optional<std::string> next_cursor;
  std::int64_t unread = 0;
};

class NotificationService {
 public:
  NotificationService(agora::store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Page> List(const identity::Principal& viewer, std::string_view cursor, int limit);
  std::int64_t Unread(const identity::Principal& viewer);
  std::int64_t Unread(const content::Viewer& viewer);
  // Marks the listed notifications (ids of others' are ignored), or all when `ids` is empty.
  // Returns the unread count after.
  std::int64_t MarkRead(const identity::Principal& viewer, const std::vector<Id>& ids);
  Settings GetSettings(const identity::Principal& viewer);
  Settings PutSettings(const identity::Principal& viewer, const Settings& change);
  // How each kind reaches the person; setting one to "off" turns the kind off too.
  DeliverySettings GetDelivery(Id person);
  DeliverySettings PutDelivery(Id person, const DeliverySettings& change);

 private:
  agora::store::Database& db_;
  const Clock& clock_;
};

}  // namespace agora::notifications
