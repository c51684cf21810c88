#include "http/origin.h"

#include <boost/url/parse.hpp>

#include <algorithm>

#include "core/text.h"

namespace agora::http {

std::optional<std::string> OriginOf(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return std::nullopt;
  const auto& u = *parsed;
  std::string scheme = text::AsciiLower(u.scheme());
  if ((scheme != "http" && scheme != "https") || u.has_userinfo() || u.encoded_host().empty()) return std::nullopt;
  std::string origin = scheme + "://" + text::AsciiLower(std::string_view(u.encoded_host_and_port().data(), u.encoded_host_and_port().size()));
  if (u.has_port()) {
    std::string_view port = u.port();
    const bool default_port = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
    if (default_port || port.empty()) origin.erase(origin.rfind(':'));
  }
  return origin;
}

OriginPolicy::OriginPolicy(std::string_view public_url, std::string_view listen_host, int port) {
  if (!public_url.empty()) {
    if (auto o = OriginOf(public_url)) allowed_.push_back(*o);
    return;
  }
  const std::string p = ":" + std::to_string(port);
  std::string host(listen_host);
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";  // IPv6 literal
  const bool wildcard = host == "0.0.0.0" || host == "[::]";
  if (!host.empty() && !wildcard) allowed_.push_back("http://" + text::AsciiLower(host) + p);
  for (const char* loopback : {"localhost", "127.0.0.1", "[::1]"}) {
    std::string o = std::string("http://") + loopback + p;
    if (std::find(allowed_.begin(), allowed_.end(), o) == allowed_.end()) allowed_.push_back(o);
  }
}

bool OriginPolicy::Allows(std::string_view origin) const {
  return std::find(allowed_.begin(), allowed_.end(), origin) != allowed_.end();
}

}  // namespace agora::http
