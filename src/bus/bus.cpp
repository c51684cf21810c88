#include "bus/bus.h"

#include "core/log.h"

namespace agora::bus {

Bus::~Bus() { Stop(); }

void Bus::Subscribe(Subscriber s) { subscribers_.push_back(std::move(s)); }

void Bus::Apply(Subscriber applier) { appliers_.push_back(std::move(applier)); }

void Bus::Start() {
  std::lock_guard lock(mu_);
  if (running_) return;
  running_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Bus::Stop() {
  {
    std::lock_guard lock(mu_);
    if (!running_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::lock_guard lock(mu_);
  running_ = false;
}

void Bus::Publish(Event e) {
  // An applier that throws is a bug in a cache; the change itself has committed, so the
  // others still run and the request still succeeds.
  for (const auto& a : appliers_) {
    try {
      a(e);
    } catch (const std::exception& ex) {
      log::Error("event applier failed", {{"error", ex.what()}});
    }
  }
  if (subscribers_.empty()) return;
  {
    std::unique_lock lock(mu_);
    if (!running_) {
      lock.unlock();
      Deliver(e);
      return;
    }
    if (queue_.size() >= kMaxQueued) {
      if (dropped_++ % 10000 == 0) log::Warn("event bus full: dropping events", {{"dropped", static_cast<std::int64_t>(dropped_)}});
      return;
    }
    queue_.push_back(std::move(e));
  }
  wake_.notify_one();
}

void Bus::Clear() {
  appliers_.clear();
  subscribers_.clear();
}

void Bus::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) {
      if (stopping_) break;
      continue;
    }
    Event e = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    Deliver(e);
    lock.lock();
  }
}

void Bus::Deliver(const Event& e) {
  for (const auto& s : subscribers_) {
    try {
      s(e);
    } catch (const std::exception& ex) {
      log::Error("event subscriber failed", {{"error", ex.what()}});
    }
  }
}

}  // namespace agora::bus
