// The mail worker: a thread that sends what the outbox holds when it is due. Each mail is
// rendered by its kind's renderer inside a write transaction (which may make the one-time
// link it carries, and checks again that the recipient may still read what it says: a
// renderer answering nothing cancels the mail), encoded, handed to the transport outside any
// transaction, and marked sent. A temporary failure retries after mail.retry_seconds,
// doubling up to 6 hours, up to mail.max_attempts; a permanent one (or the last attempt)
// marks it failed, which admins see (GET /api/v1/admin/mail). Several nodes may run workers:
// each leases what it takes.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/config.h"
#include "core/ids.h"
#include "core/metrics.h"
#include "modules/mail/letter.h"
#include "modules/mail/message.h"
#include "modules/mail/outbox.h"
#include "modules/mail/transport.h"
#include "store/database.h"

namespace agora::mail {

class Worker {
 public:
  // Renders an outbox item into a mail, or nullopt when there is nothing to send any more
  // (the recipient went, the link was used, the content is no longer theirs to read).
  using Renderer = std::function<std::optional<Message>(agora::store::Connection&, const Item&, const Context&)>;

  Worker(agora::store::Database& db, IdGenerator& ids, const Clock& clock, const MailConfig& config,
         std::unique_ptr<Transport> transport, Context context);
  ~Worker();

  void Register(const std::string& kind, Renderer renderer);
  // Runs `job` on the worker's thread every `seconds` (digests are queued so), before Start.
  void Every(int seconds, std::function<void()> job) { periodic_.push_back({seconds * 1000LL, 0, std::move(job)}); }
  // Where links in mails point (known once the server is bound); before Start.
  void SetContext(Context context) { context_ = std::move(context); }
  void Start();
  void Stop();
  // Sends every mail due now (the worker's loop; tests and benchmarks call it directly).
  // Returns how many it tried.
  int SendDue();
  const Transport& transport() const { return *transport_; }
  void RenderMetrics(std::string& out) const;

  // Wakes every worker of this process (outbox.h Enqueue: something was queued).
  static void WakeAll();

  static constexpr std::int64_t kLeaseMs = 5 * 60 * 1000;
  static constexpr std::int64_t kMaxDelayMs = 6LL * 3600 * 1000;
  static constexpr std::int64_t kKeepDoneMs = 30LL * 24 * 3600 * 1000;  // sent/cancelled rows kept 30 days

 private:
  void Run();
  void SendOne(Id id);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  MailConfig config_;
  std::unique_ptr<Transport> transport_;
  Context context_;
  std::map<std::string, Renderer> renderers_;
  struct Periodic {
    std::int64_t every_ms, last_ms;
    std::function<void()> job;
  };
  std::vector<Periodic> periodic_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::int64_t last_purge_ = 0;
  metrics::Counter sent_, retried_, failed_, cancelled_;
  metrics::Histogram send_seconds_;
};

}  // namespace agora::mail
