#include "http/job_limiter.h"

namespace agora::http {

std::optional<Error> JobLimiter::Start(Id person) {
  std::lock_guard lock(mu_);
  auto it = by_person_.find(person);
  if (it != by_person_.end() && it->second >= per_person_) {
    Error e = Error::RateLimited(kRetryAfterSeconds);
    e.message = "you have " + std::to_string(per_person_) + " " + what_ + " in progress; send the next when one is done";
    return e;
  }
  if (running_ >= total_) return Error::Busy("the server is busy with other " + what_ + "; try again shortly", kRetryAfterSeconds);
  ++running_;
  ++by_person_[person];
  return std::nullopt;
}

void JobLimiter::Finish(Id person) {
  std::lock_guard lock(mu_);
  --running_;
  auto it = by_person_.find(person);
  if (it != by_person_.end() && --it->second <= 0) by_person_.erase(it);
}

int JobLimiter::in_progress() const {
  std::lock_guard lock(mu_);
  return running_;
}

}  // namespace agora::http
