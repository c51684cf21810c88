// Caps the connections one client address holds open at once, so that one client cannot
// take every file descriptor of the server (idle keep-alive sockets, half-open WebSockets).
// Behind a reverse proxy every connection comes from the proxy, so the server is told to
// trust it (http.trust_proxy) and the cap is the proxy's job (nginx: limit_conn); see
// docs/operations.md. Thread-safe: connections open on one io thread and close on another.
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

namespace agora::http {

class ConnectionLimiter {
 public:
  // `per_address` 0: no cap.
  explicit ConnectionLimiter(int per_address) : cap_(per_address) {}

  // Counts a new connection from `address`; false (and nothing counted) when the address
  // already holds the cap.
  bool Open(const std::string& address);
  // Forgets a connection counted by Open.
  void Close(const std::string& address);
  int OpenFrom(const std::string& address) const;

 private:
  const int cap_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, int> open_;
};

}  // namespace agora::http
