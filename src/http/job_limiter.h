// Admission for expensive work (decoding uploaded images, searches): at most `per_person` jobs of one
// person in progress and `total` for everyone, counting those waiting for a thread. Beyond
// either the request is refused at once (429 or 503 with Retry-After) instead of queueing:
// a queue of decodes is minutes of delay for whoever is behind it, and memory meanwhile.
// Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/ids.h"
#include "core/result.h"

namespace agora::http {

class JobLimiter {
 public:
  // `what`: the work, as its refusals name it ("uploads", "searches").
  JobLimiter(int per_person, int total, std::string what = "uploads")
      : per_person_(per_person), total_(total), what_(std::move(what)) {}

  // nullopt: admitted (call Finish later); otherwise the error to answer.
  std::optional<Error> Start(Id person);
  void Finish(Id person);
  int in_progress() const;

  static constexpr int kRetryAfterSeconds = 2;

 private:
  const int per_person_;
  const int total_;
  const std::string what_;
  mutable std::mutex mu_;
  int running_ = 0;
  std::unordered_map<Id, int> by_person_;
};

}  // namespace agora::http
