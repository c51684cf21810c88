// Calls from the server to an identity provider (discovery, keys, token and userinfo
// endpoints) through libcurl, only to origins an admin configured: a provider's discovery
// document cannot send the server to an address of its choosing (no redirects followed,
// every URL checked against the allowlist first). Bounded in time and size. Blocking: run
// it on the outbound pool (http::Work::kOutbound), never on an io thread.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace agora::sso {

struct FetchResult {
  long status = 0;
  std::string body;
};

// "https://host[:port]" of a URL, lower-cased, with the scheme's default port left out;
// empty when it is not an absolute http(s) URL.
std::string OriginOf(std::string_view url);
// Percent-encodes everything but unreserved characters (RFC 3986), as forms want.
std::string UrlEscape(std::string_view s);
// Whether a URL's host is a loopback address or localhost (http:// is allowed only there).
bool IsLoopbackUrl(std::string_view url);

class Fetcher {
 public:
  explicit Fetcher(std::vector<std::string> allowed_origins) : allowed_(std::move(allowed_origins)) {}

  bool Allowed(std::string_view url) const;
  Result<FetchResult> Get(const std::string& url, const std::string& bearer = {}) const;
  // application/x-www-form-urlencoded POST; `basic_user` set: HTTP Basic authentication.
  Result<FetchResult> PostForm(const std::string& url, const std::vector<std::pair<std::string, std::string>>& form,
                               const std::string& basic_user = {}, const std::string& basic_password = {}) const;

  static constexpr std::size_t kMaxBody = 1 << 20;

 private:
  Result<FetchResult> Perform(const std::string& url, const std::string* form_body, const std::string& bearer,
                              const std::string& basic_user, const std::string& basic_password) const;
  std::vector<std::string> allowed_;
};

}  // namespace agora::sso
