#include "modules/blogs/scheduler.h"

#include <chrono>
#include <exception>

#include "core/log.h"

namespace agora::blogs {

Scheduler::Scheduler(BlogService& service) : service_(service), thread_([this] { Loop(); }) {}

Scheduler::~Scheduler() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Scheduler::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    try {
      if (int n = service_.PublishDue(); n > 0) log::Info("scheduled blog entries published", {{"count", n}});
    } catch (const std::exception& e) {
      // The database is away (PostgreSQL restarting): the next look tries again.
      log::Warn("publishing scheduled blog entries failed", {{"error", e.what()}});
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
  }
}

}  // namespace agora::blogs
