// Which page origins may open a cookie-authenticated WebSocket: the origin of the configured
// public URL, never whatever the request's Host header says (a client chooses its Host).
// When no public URL is configured, the address the server listens on and its loopback
// names (localhost, 127.0.0.1, [::1]) on the same port. Plain C++, no Beast.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::http {

// The RFC 6454 origin of an absolute http(s) URL as browsers serialize it: lower-case scheme
// and host, the port only when it is not the scheme's default ("https://a.example:8443").
// nullopt for anything else (no scheme, another scheme, userinfo, no host).
std::optional<std::string> OriginOf(std::string_view url);

class OriginPolicy {
 public:
  OriginPolicy() = default;
  // `public_url` as configured (may be empty); `listen_host` and `port` as bound.
  OriginPolicy(std::string_view public_url, std::string_view listen_host, int port);
  // Exact comparison with one of the allowed origins (no trimming, no case folding: a
  // browser sends the serialized form).
  bool Allows(std::string_view origin) const;
  const std::vector<std::string>& allowed() const { return allowed_; }

 private:
  std::vector<std::string> allowed_;
};

}  // namespace agora::http
