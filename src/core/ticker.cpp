#include "core/ticker.h"

#include <exception>

#include "core/log.h"

namespace agora {

Ticker::Ticker(std::string name, std::chrono::milliseconds every, std::function<void()> tick)
    : name_(std::move(name)), every_(every), tick_(std::move(tick)), thread_([this] { Loop(); }) {}

Ticker::~Ticker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Ticker::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    lock.unlock();
    try {
      tick_();
    } catch (const std::exception& e) {
      log::Warn(name_ + " failed", {{"error", e.what()}});
    }
    lock.lock();
    wake_.wait_for(lock, every_, [this] { return stopping_; });
  }
}

}  // namespace agora
