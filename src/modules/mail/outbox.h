// The outbox: mail queued in the same transaction as the change that causes it (so a mail
// exists exactly when its cause committed), sent after commit by the worker (worker.h). A row
// names what to send (a kind, the recipient, a JSON payload for the kind's renderer); the
// text is made when it is sent. Survives restarts and kill -9: a row is queued until a
// transport accepted it (a crash between the two sends it again: at least once).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "store/database.h"

namespace agora::mail {

struct Outgoing {
  std::string kind;                      // a registered renderer, e.g. "account.activate"
  std::optional<Id> user_id = std::nullopt;  // the recipient's account (its own address only)
  std::string address = {};              // or an address without an account (invitations)
  std::string payload = "{}";            // JSON the renderer reads
};

// Queues `m` inside the caller's write transaction and wakes this process's worker.
Id Enqueue(agora::store::Connection& c, IdGenerator& ids, const Outgoing& m, std::int64_t now);

struct Item {
  Id id = 0;
  std::string kind;
  std::optional<Id> user_id;
  std::string address;
  std::string payload;
  std::string state;  // queued, sent, failed, cancelled
  std::int64_t attempts = 0;
  std::string last_error;
  std::int64_t created_at = 0, next_attempt_at = 0;
  std::optional<std::int64_t> finished_at;
};

struct Summary {
  std::int64_t queued = 0, sent = 0, failed = 0, cancelled = 0;
  std::optional<std::int64_t> oldest_queued_at;
  std::vector<Item> recent_failures;  // newest first
  std::vector<Item> delayed;          // queued after a failed attempt, next due first
};

namespace outbox {
using agora::store::Connection;
// Takes up to `limit` due mails for this node until `lease_until` (another node skips them).
std::vector<Id> Claim(Connection& c, std::int64_t now, std::int64_t lease_until, int limit);
std::optional<Item> Load(Connection& c, Id id);
// Done: the payload (which may hold a link's secret) is emptied.
void Finish(Connection& c, Id id, std::string_view state, std::int64_t now, std::string_view error);
void Reschedule(Connection& c, Id id, std::int64_t attempts, std::int64_t next_attempt_at, std::string_view error);
Summary Summarize(Connection& c, int failures);
// A failed mail queued again (an admin fixed the cause); false when it is not failed.
bool Requeue(Connection& c, Id id, std::int64_t now);
// Sent and cancelled mails older than `before` go (failed ones stay until retried or purged).
std::int64_t Purge(Connection& c, std::int64_t before);
// When the next queued mail is due (nullopt: none).
std::optional<std::int64_t> NextDue(Connection& c);
}  // namespace outbox

}  // namespace agora::mail
