// Runs a function every `every` on a thread of its own until destroyed (schedulers: blog
// entries to publish, wiki pages due for review). An exception is logged under `name` and
// the next tick tries again (the database may be away: PostgreSQL restarting).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace agora {

class Ticker {
 public:
  Ticker(std::string name, std::chrono::milliseconds every, std::function<void()> tick);
  ~Ticker();  // stops and joins
  Ticker(const Ticker&) = delete;
  Ticker& operator=(const Ticker&) = delete;

 private:
  void Loop();

  const std::string name_;
  const std::chrono::milliseconds every_;
  const std::function<void()> tick_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace agora
