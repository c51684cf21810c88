#include "modules/reactions/store.h"

#include <algorithm>
#include <unordered_set>

namespace agora::reactions::store {
namespace {
constexpr const char* kKindOf = "SELECT kind FROM reactions WHERE target_id = ?1 AND person_id = ?2";
constexpr const char* kKindsBetween =
    "SELECT target_id, kind FROM reactions WHERE person_id = ?1 AND target_id BETWEEN ?2 AND ?3";
constexpr const char* kInsert =
    "INSERT INTO reactions (target_id, person_id, content_id, kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kDelete = "DELETE FROM reactions WHERE target_id = ?1 AND person_id = ?2";
constexpr const char* kCountUp =
    "INSERT INTO reaction_counts (target_id, kind, count, content_id) VALUES (?1, ?2, 1, ?3)"
    " ON CONFLICT (target_id, kind) DO UPDATE SET count = reaction_counts.count + 1";
constexpr const char* kCountDown = "UPDATE reaction_counts SET count = count - 1 WHERE target_id = ?1 AND kind = ?2";
constexpr const char* kDropZero = "DELETE FROM reaction_counts WHERE target_id = ?1 AND kind = ?2 AND count <= 0";
constexpr const char* kRemoveAll = "DELETE FROM reactions WHERE target_id = ?1";
constexpr const char* kRemoveCounts = "DELETE FROM reaction_counts WHERE target_id = ?1";
constexpr const char* kCounts = "SELECT kind, count FROM reaction_counts WHERE target_id = ?1";
constexpr const char* kWho =
    "SELECT person_id, kind, created_at FROM reactions WHERE target_id = ?1 AND (?2 = '' OR kind = ?2)"
    " AND (created_at < ?3 OR (created_at = ?3 AND person_id < ?4)) ORDER BY created_at DESC, person_id DESC LIMIT ?5";
}  // namespace

std::optional<std::string> KindOf(Connection& c, Id target, Id person) {
  auto q = c.Prepare(kKindOf, target, person);
  return q.Next() ? std::optional(q.Text(0)) : std::nullopt;
}

std::unordered_map<Id, std::string> KindsOf(Connection& c, const std::vector<Id>& targets, Id person) {
  std::unordered_map<Id, std::string> out;
  if (targets.empty()) return out;
  const auto [lo, hi] = std::minmax_element(targets.begin(), targets.end());
  std::unordered_set<Id> wanted(targets.begin(), targets.end());
  // One range of reactions_by_person: the person's reactions between the oldest and newest
  // target (ids are time-ordered, so a page spans a short range), those asked for kept.
  for (auto q = c.Prepare(kKindsBetween, person, *lo, *hi); q.Next();)
    if (Id target = q.Int(0); wanted.contains(target)) out.emplace(target, q.Text(1));
  return out;
}

void Put(Connection& c, Id target, Id content_id, Id person, const std::string& kind, std::int64_t now) {
  c.Prepare(kInsert, target, person, content_id, kind, now).Run();
  c.Prepare(kCountUp, target, kind, content_id).Run();
}

void Remove(Connection& c, Id target, Id person, const std::string& kind) {
  if (c.Prepare(kDelete, target, person).Run() == 0) return;
  c.Prepare(kCountDown, target, kind).Run();
  c.Prepare(kDropZero, target, kind).Run();
}

void RemoveAllOn(Connection& c, const std::vector<Id>& targets) {
  for (Id t : targets) {
    c.Prepare(kRemoveAll, t).Run();
    c.Prepare(kRemoveCounts, t).Run();
  }
}

Summary SummaryOf(Connection& c, Id target, Id reader) {
  Summary s;
  std::vector<std::pair<std::string, std::int64_t>> raw;
  {
    auto q = c.Prepare(kCounts, target);
    while (q.Next()) raw.emplace_back(q.Text(0), q.Int(1));
  }
  for (auto kind : kKinds)
    for (auto& [k, n] : raw)
      if (k == kind && n > 0) {
        s.counts.emplace_back(k, n);
        s.total += n;
      }
  if (reader) s.mine = KindOf(c, target, reader);
  return s;
}

std::vector<Reactor> Who(Connection& c, Id target, const std::string& kind, std::int64_t before_time, Id before_person,
                         int limit) {
  std::vector<Reactor> out;
  auto q = c.Prepare(kWho, target, kind, before_time, before_person, limit);
  while (q.Next()) out.push_back({q.Int(0), q.Text(1), q.Int(2)});
  return out;
}

}  // namespace agora::reactions::store
