#include "http/connection_limiter.h"

namespace agora::http {

bool ConnectionLimiter::Open(const std::string& address) {
  if (cap_ <= 0) return true;
  std::lock_guard lock(mu_);
  int& n = open_[address];
  if (n >= cap_) return false;
  ++n;
  return true;
}

void ConnectionLimiter::Close(const std::string& address) {
  if (cap_ <= 0) return;
  std::lock_guard lock(mu_);
  auto it = open_.find(address);
  if (it == open_.end()) return;
  if (--it->second <= 0) open_.erase(it);  // the map holds only addresses with connections
}

int ConnectionLimiter::OpenFrom(const std::string& address) const {
  std::lock_guard lock(mu_);
  auto it = open_.find(address);
  return it == open_.end() ? 0 : it->second;
}

}  // namespace agora::http
