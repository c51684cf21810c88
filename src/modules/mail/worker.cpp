#include "modules/mail/worker.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <random>

#include "core/log.h"

namespace agora::mail {
namespace {

// One wake-up signal for the process: Enqueue runs inside a transaction that may not have
// committed yet, so a woken worker waits a moment before it looks (and looks again shortly
// after when it found nothing).
std::mutex wake_mu;
std::condition_variable wake_cv;
std::uint64_t wake_generation = 0;

std::int64_t Backoff(const MailConfig& config, std::int64_t attempts) {
  std::int64_t delay = std::int64_t{config.retry_seconds} * 1000;
  for (std::int64_t i = 1; i < attempts && delay < Worker::kMaxDelayMs; ++i) delay *= 2;
  delay = std::min(delay, Worker::kMaxDelayMs);
  thread_local std::mt19937_64 rng{std::random_device{}()};
  // Up to a tenth more, so that many mails failing together do not retry together.
  return delay + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(delay / 10 + 1));
}

}  // namespace

void Worker::WakeAll() {
  {
    std::lock_guard lock(wake_mu);
    ++wake_generation;
  }
  wake_cv.notify_all();
}

Worker::Worker(agora::store::Database& db, IdGenerator& ids, const Clock& clock, const MailConfig& config,
               std::unique_ptr<Transport> transport, Context context)
    : db_(db), ids_(ids), clock_(clock), config_(config), transport_(std::move(transport)), context_(std::move(context)) {}

Worker::~Worker() { Stop(); }

void Worker::Register(const std::string& kind, Renderer renderer) { renderers_[kind] = std::move(renderer); }

void Worker::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Worker::Stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(wake_mu);
    stop_ = true;
  }
  wake_cv.notify_all();
  thread_.join();
}

void Worker::Run() {
  // Mail can wait a moment; requests cannot: a morning of digests gives way to them (Linux
  // keeps a nice value per thread, so this lowers only this one).
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10) != 0) log::Warn("could not lower the mail worker's priority");
  std::uint64_t seen = 0;
  {
    std::lock_guard lock(wake_mu);
    seen = wake_generation;
  }
  bool recheck = false;
  while (!stop_) {
    int sent = 0;
    try {
      for (auto& p : periodic_) {
        const std::int64_t now = clock_.NowMs();
        if (now - p.last_ms < p.every_ms) continue;
        p.last_ms = now;
        p.job();
      }
      sent = SendDue();
    } catch (const std::exception& e) {
      log::Error("mail worker", {{"error", e.what()}});
    }
    if (sent > 0) continue;  // more may be due
    std::unique_lock lock(wake_mu);
    std::chrono::milliseconds wait = std::chrono::seconds(config_.poll_seconds);
    for (const auto& p : periodic_) wait = std::min(wait, std::chrono::milliseconds(p.every_ms));
    if (recheck) wait = std::chrono::milliseconds(250);
    recheck = false;
    if (wake_cv.wait_for(lock, wait, [&] { return stop_ || wake_generation != seen; })) {
      seen = wake_generation;
      recheck = true;
      lock.unlock();
      // The transaction that queued it may still be committing.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

int Worker::SendDue() {
  const std::int64_t now = clock_.NowMs();
  if (now - last_purge_ > 3600 * 1000) {
    last_purge_ = now;
    db_.Write([&](auto& c) { outbox::Purge(c, now - kKeepDoneMs); });
  }
  auto ids = db_.Write([&](auto& c) { return outbox::Claim(c, now, now + kLeaseMs, 100); });
  for (Id id : ids) {
    if (stop_) break;
    SendOne(id);
  }
  return static_cast<int>(ids.size());
}

void Worker::SendOne(Id id) {
  struct Rendered {
    Item item;
    std::optional<Message> message;
    std::string problem;
  };
  // Render (and make whatever link the mail carries) in one transaction: a link exists only
  // if its mail was rendered.
  auto rendered = db_.Write([&](agora::store::Connection& c) -> std::optional<Rendered> {
    auto item = outbox::Load(c, id);
    if (!item || item->state != "queued") return std::nullopt;
    Rendered r{*item, std::nullopt, {}};
    auto it = renderers_.find(item->kind);
    if (it == renderers_.end()) {
      r.problem = "no renderer for mail kind " + item->kind;
      outbox::Finish(c, id, "failed", clock_.NowMs(), r.problem);
      return r;
    }
    r.message = it->second(c, *item, context_);
    if (!r.message) outbox::Finish(c, id, "cancelled", clock_.NowMs(), "");
    return r;
  });
  if (!rendered) return;  // another node finished it meanwhile
  if (!rendered->message) {
    (rendered->problem.empty() ? cancelled_ : failed_).Add();
    return;
  }
  const Message& m = *rendered->message;
  const std::string message_id = IdToString(id) + ".agora";
  const std::string bytes = Encode(m, config_.from, message_id, clock_.NowMs());
  auto started = std::chrono::steady_clock::now();
  SendResult result = transport_->Send(m.to_address, bytes, IdToString(id));
  send_seconds_.ObserveNanos(static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count()));
  const std::int64_t now = clock_.NowMs();
  const std::int64_t attempts = rendered->item.attempts + 1;
  if (result.outcome == SendResult::Outcome::kSent) {
    db_.Write([&](auto& c) { outbox::Finish(c, id, "sent", now, ""); });
    sent_.Add();
    log::Info("mail sent", {{"id", IdToString(id)}, {"kind", rendered->item.kind}});
    return;
  }
  if (result.outcome == SendResult::Outcome::kTemporary && attempts < config_.max_attempts) {
    db_.Write([&](auto& c) { outbox::Reschedule(c, id, attempts, now + Backoff(config_, attempts), result.error); });
    retried_.Add();
    log::Warn("mail delayed", {{"id", IdToString(id)}, {"kind", rendered->item.kind}, {"attempts", attempts}, {"error", result.error}});
    return;
  }
  db_.Write([&](auto& c) { outbox::Finish(c, id, "failed", now, result.error); });
  failed_.Add();
  log::Error("mail failed", {{"id", IdToString(id)}, {"kind", rendered->item.kind}, {"error", result.error}});
}

void Worker::RenderMetrics(std::string& out) const {
  out += "# TYPE agora_mail_total counter\n";
  out += "agora_mail_total{outcome=\"sent\"} " + std::to_string(sent_.Value()) + "\n";
  out += "agora_mail_total{outcome=\"retried\"} " + std::to_string(retried_.Value()) + "\n";
  out += "agora_mail_total{outcome=\"failed\"} " + std::to_string(failed_.Value()) + "\n";
  out += "agora_mail_total{outcome=\"cancelled\"} " + std::to_string(cancelled_.Value()) + "\n";
  out += "# TYPE agora_mail_send_seconds histogram\n";
  send_seconds_.Render(out, "agora_mail_send_seconds", "");
}

}  // namespace agora::mail
