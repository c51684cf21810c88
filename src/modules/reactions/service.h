// Reacting to a content or a comment (its id either way) that the person may read, and who
// reacted. The target's author is notified, grouped per target.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/content/model.h"
#include "modules/identity/model.h"
#include "modules/people/model.h"
#include "modules/reactions/model.h"
#include "store/database.h"

namespace agora::reactions {

struct ReactorView {
  people::Card person;
  std::string kind;
  std::int64_t created_at = 0;
};
struct WhoPage {
  std::vector<ReactorView> items;
  std::optional<std::string> next_cursor;
  Summary summary;
};

class ReactionService {
 public:
  // `bus` hears of every change after it commits (bus.h); the post cache follows it.
  ReactionService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, bus::Bus* bus = nullptr)
      : db_(db), ids_(ids), clock_(clock), bus_(bus) {}

  // Sets the person's reaction on `target` to `kind` (replacing another kind). 422 "kind"
  // for a kind not in kKinds; 404 for a target the person may not read.
  Result<Summary> React(const identity::Principal& who, Id target, const std::string& kind);
  // Removes the person's reaction of that kind, if any.
  Result<Summary> Unreact(const identity::Principal& who, Id target, const std::string& kind);
  Result<WhoPage> Who(const content::Viewer& viewer, Id target, const std::string& kind, std::string_view cursor,
                      int limit);

 private:
  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  bus::Bus* bus_;
};

}  // namespace agora::reactions
