// The audit log: who did what to whom, and when. Every admin and moderation action writes a
// row inside the same transaction as the change itself, so the log can never miss one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "store/database.h"

namespace agora::audit {

struct Entry {
  Id id = 0;
  std::optional<Id> actor_id;  // nullopt: the command line or the system
  std::string action;          // "user.create", "user.set_role", "user.deactivate", ...
  std::string target_kind;     // "user"
  std::optional<Id> target_id;
  std::string detail;  // JSON object
  std::string ip;
  std::int64_t created_at = 0;
};

// `e.id` must be a fresh id (an id generator's Next()): the log's key.
void Record(agora::store::Connection& c, const Entry& e);
std::vector<Entry> ForTarget(agora::store::Connection& c, const std::string& kind, Id target_id, int limit);

}  // namespace agora::audit
