// Notification mail: one notification right away (its kind delivered "email"), and the daily
// or weekly digest of the unread ones waiting for it, with the most active posts of the
// person's communities and of the people they follow. Both are rendered when sent, under the
// audience rule at that moment (a notification about content the person may no longer read
// is left out; a digest with nothing in it is not sent), and carry a one-click unsubscribe
// (RFC 8058) that turns mail of that kind off (it stays in the app).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/mail/worker.h"
#include "modules/notifications/model.h"
#include "store/database.h"

namespace agora::notifications {

// Unsubscribe links: "<person>.<kind>.<MAC>", signed with a key the database keeps (every
// node signs and checks alike). Nothing is stored per link.
class UnsubscribeLinks {
 public:
  explicit UnsubscribeLinks(agora::store::Database& db) : db_(db) {}
  // Inside a write transaction (the renderer's): makes the key on first use.
  std::string Token(agora::store::Connection& c, Id person, std::string_view kind);
  // The person and kind ("digest" for digests) a token names; 404 when it is not ours.
  Result<std::pair<Id, std::string>> Verify(std::string_view token);
  // Turns mail of the kind off for the person (in the app only; a digest's: its kinds go
  // to the app too).
  Status Apply(std::string_view token);

 private:
  std::string Key(agora::store::Connection& c);
  agora::store::Database& db_;
  std::mutex mu_;
  std::string key_;
};

// What a mail about a change shows of it (a wiki page's diff since the notification began),
// told by the module whose content it is: the lines of a unified diff ("@@", "-", "+", " ").
struct ChangeLines {
  int from = 0, to = 0;  // revisions
  std::vector<std::string> lines;
  std::int64_t more = 0;  // changed lines left out
};
using ChangeDetail = std::function<std::optional<ChangeLines>(agora::store::Connection&, Id content, std::int64_t since)>;

// `wiki_change` mails show what `wiki_change` says of the page (nothing without it).
void RegisterMails(mail::Worker& worker, const Clock& clock, UnsubscribeLinks& links, ChangeDetail wiki_change = {});

// Queues the digests that are due: people with notifications waiting for a digest, whose
// last one of that cadence was before the latest `hour` o'clock (daily) or Monday `hour`
// o'clock (weekly) in their time zone (their profile's, else UTC). Returns how many.
std::int64_t QueueDueDigests(agora::store::Database& db, IdGenerator& ids, std::int64_t now, int hour);

// The start of the latest digest slot at or before `now_ms` (tests and the scheduler).
std::int64_t LatestSlot(std::int64_t now_ms, std::string_view time_zone, int hour, bool weekly);

}  // namespace agora::notifications
