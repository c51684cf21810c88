// SQL for reactions and their per-kind counts.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/reactions/model.h"
#include "store/database.h"

namespace agora::reactions::store {

using agora::store::Connection;

std::optional<std::string> KindOf(Connection& c, Id target, Id person);
// The person's reaction to each of `targets` that has one, in one statement (a feed page
// asks for its 20 items at once).
std::unordered_map<Id, std::string> KindsOf(Connection& c, const std::vector<Id>& targets, Id person);
// Records a reaction (the caller removes the person's earlier one first).
void Put(Connection& c, Id target, Id content_id, Id person, const std::string& kind, std::int64_t now);
void Remove(Connection& c, Id target, Id person, const std::string& kind);
// Deletes every reaction on the targets (a deleted comment and its replies).
void RemoveAllOn(Connection& c, const std::vector<Id>& targets);
Summary SummaryOf(Connection& c, Id target, Id reader);

struct Reactor {
  Id person_id = 0;
  std::string kind;
  std::int64_t created_at = 0;
};
// Who reacted, newest first, after (created_at, person) of the cursor; `kind` empty: any.
std::vector<Reactor> Who(Connection& c, Id target, const std::string& kind, std::int64_t before_time, Id before_person,
                         int limit);

}  // namespace agora::reactions::store
