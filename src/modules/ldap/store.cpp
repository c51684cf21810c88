#include "modules/ldap/store.h"

namespace agora::ldap::store {
namespace {

constexpr const char* kColumns = "id, started_at, finished_at, dry_run, started_by, report, error";

Run ReadRun(agora::store::Query& q) {
  return {q.Int(0), q.Int(1), q.OptInt(2), q.Int(3) != 0, q.Text(4), q.Text(5), q.Text(6)};
}

}  // namespace

std::optional<Run> RunningSince(Connection& c, std::int64_t since) {
  auto q = c.Prepare(std::string("SELECT ") + kColumns +
                         " FROM directory_syncs WHERE finished_at IS NULL AND started_at > ?1 ORDER BY id DESC LIMIT 1",
                     since);
  if (!q.Next()) return std::nullopt;
  return ReadRun(q);
}

void InsertRun(Connection& c, const Run& r) {
  c.Prepare("INSERT INTO directory_syncs (id, started_at, dry_run, started_by) VALUES (?1, ?2, ?3, ?4)", r.id,
            r.started_at, r.dry_run ? 1 : 0, r.started_by)
      .Run();
}

void FinishRun(Connection& c, Id id, std::int64_t finished_at, const std::string& report, const std::string& error) {
  c.Prepare("UPDATE directory_syncs SET finished_at = ?2, report = ?3, error = ?4 WHERE id = ?1", id, finished_at, report,
            error)
      .Run();
}

std::vector<Run> RecentRuns(Connection& c, int limit) {
  std::vector<Run> out;
  auto q = c.Prepare(std::string("SELECT ") + kColumns + " FROM directory_syncs ORDER BY id DESC LIMIT ?1", limit);
  while (q.Next()) out.push_back(ReadRun(q));
  return out;
}

std::optional<std::int64_t> LastRealStart(Connection& c) {
  auto q = c.Prepare("SELECT max(started_at) FROM directory_syncs WHERE dry_run = 0");
  if (!q.Next() || q.IsNull(0)) return std::nullopt;
  return q.Int(0);
}

}  // namespace agora::ldap::store
