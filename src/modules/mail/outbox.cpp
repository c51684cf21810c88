#include "modules/mail/outbox.h"

#include "modules/mail/worker.h"

namespace agora::mail {
namespace {

constexpr const char* kInsert =
    "INSERT INTO mail_outbox (id, kind, user_id, address, payload, next_attempt_at, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
constexpr const char* kDue =
    "SELECT id FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ?1 AND lease_until <= ?1"
    " ORDER BY next_attempt_at LIMIT ?2";
constexpr const char* kLease = "UPDATE mail_outbox SET lease_until = ?2 WHERE id = ?1";
constexpr const char* kColumns =
    "SELECT id, kind, user_id, address, payload, state, attempts, last_error, created_at, next_attempt_at, finished_at"
    " FROM mail_outbox";
constexpr const char* kFinish =
    "UPDATE mail_outbox SET state = ?2, finished_at = ?3, last_error = ?4, payload = '{}', lease_until = 0,"
    " attempts = attempts + 1 WHERE id = ?1";
constexpr const char* kReschedule =
    "UPDATE mail_outbox SET attempts = ?2, next_attempt_at = ?3, last_error = ?4, lease_until = 0 WHERE id = ?1";
constexpr const char* kCounts = "SELECT state, count(*) FROM mail_outbox GROUP BY state";
constexpr const char* kOldest = "SELECT min(created_at) FROM mail_outbox WHERE state = 'queued'";
constexpr const char* kRequeue =
    "UPDATE mail_outbox SET state = 'queued', next_attempt_at = ?2, lease_until = 0, finished_at = NULL,"
    " attempts = 0 WHERE id = ?1 AND state = 'failed'";
constexpr const char* kPurge = "DELETE FROM mail_outbox WHERE state IN ('sent', 'cancelled') AND finished_at < ?1";
constexpr const char* kNextDue = "SELECT min(next_attempt_at) FROM mail_outbox WHERE state = 'queued'";

Item ReadItem(agora::store::Query& q) {
  Item i;
  i.id = q.Int(0);
  i.kind = q.Text(1);
  if (!q.IsNull(2)) i.user_id = q.Int(2);
  i.address = q.Text(3);
  i.payload = q.Text(4);
  i.state = q.Text(5);
  i.attempts = q.Int(6);
  i.last_error = q.Text(7);
  i.created_at = q.Int(8);
  i.next_attempt_at = q.Int(9);
  if (!q.IsNull(10)) i.finished_at = q.Int(10);
  return i;
}

}  // namespace

Id Enqueue(agora::store::Connection& c, IdGenerator& ids, const Outgoing& m, std::int64_t now) {
  Id id = ids.Next();
  std::optional<Id> user = m.user_id;
  c.Prepare(kInsert, id, m.kind, user, m.address, m.payload, now).Run();
  Worker::WakeAll();
  return id;
}

namespace outbox {

std::vector<Id> Claim(Connection& c, std::int64_t now, std::int64_t lease_until, int limit) {
  std::vector<Id> ids;
  auto q = c.Prepare(kDue, now, std::int64_t{limit});
  while (q.Next()) ids.push_back(q.Int(0));
  for (Id id : ids) c.Prepare(kLease, id, lease_until).Run();
  return ids;
}

std::optional<Item> Load(Connection& c, Id id) {
  auto q = c.Prepare(std::string(kColumns) + " WHERE id = ?1", id);
  if (!q.Next()) return std::nullopt;
  return ReadItem(q);
}

void Finish(Connection& c, Id id, std::string_view state, std::int64_t now, std::string_view error) {
  c.Prepare(kFinish, id, std::string(state), now, std::string(error)).Run();
}

void Reschedule(Connection& c, Id id, std::int64_t attempts, std::int64_t next_attempt_at, std::string_view error) {
  c.Prepare(kReschedule, id, attempts, next_attempt_at, std::string(error)).Run();
}

Summary Summarize(Connection& c, int failures) {
  Summary s;
  auto q = c.Prepare(kCounts);
  while (q.Next()) {
    std::string state = q.Text(0);
    std::int64_t n = q.Int(1);
    if (state == "queued") s.queued = n;
    else if (state == "sent") s.sent = n;
    else if (state == "failed") s.failed = n;
    else if (state == "cancelled") s.cancelled = n;
  }
  auto oldest = c.Prepare(kOldest);
  if (oldest.Next() && !oldest.IsNull(0)) s.oldest_queued_at = oldest.Int(0);
  auto f = c.Prepare(std::string(kColumns) + " WHERE state = 'failed' ORDER BY id DESC LIMIT ?1", std::int64_t{failures});
  while (f.Next()) s.recent_failures.push_back(ReadItem(f));
  auto d = c.Prepare(std::string(kColumns) + " WHERE state = 'queued' AND attempts > 0 ORDER BY next_attempt_at LIMIT ?1",
                     std::int64_t{failures});
  while (d.Next()) s.delayed.push_back(ReadItem(d));
  return s;
}

bool Requeue(Connection& c, Id id, std::int64_t now) {
  return c.Prepare(kRequeue, id, now).Run() > 0;
}

std::int64_t Purge(Connection& c, std::int64_t before) {
  return c.Prepare(kPurge, before).Run();
}

std::optional<std::int64_t> NextDue(Connection& c) {
  auto q = c.Prepare(kNextDue);
  if (!q.Next() || q.IsNull(0)) return std::nullopt;
  return q.Int(0);
}

}  // namespace outbox
}  // namespace agora::mail
