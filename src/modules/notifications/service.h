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

struct Item {
  Notification n;
  people::Card actor;
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
