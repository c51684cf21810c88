#include "modules/sso/fetch.h"

#include <curl/curl.h>

#include <algorithm>
#include <boost/url/parse.hpp>
#include <mutex>

#include "core/text.h"

namespace agora::sso {
namespace {

size_t Collect(char* data, size_t size, size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  if (body->size() + size * n > Fetcher::kMaxBody) return 0;  // too large: curl stops with an error
  body->append(data, size * n);
  return size * n;
}

std::string FormEncode(const std::vector<std::pair<std::string, std::string>>& form) {
  std::string out;
  for (const auto& [k, v] : form) {
    if (!out.empty()) out += '&';
    out += UrlEscape(k) + "=" + UrlEscape(v);
  }
  return out;
}

}  // namespace

std::string UrlEscape(std::string_view s) {
  char* e = curl_easy_escape(nullptr, s.data(), static_cast<int>(s.size()));
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

std::string OriginOf(std::string_view url) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u) return {};
  std::string scheme = text::AsciiLower(u->scheme());
  if (scheme != "http" && scheme != "https") return {};
  if (u->encoded_host().empty()) return {};
  std::string origin = scheme + "://" + text::AsciiLower(u->encoded_host_and_port());
  if (scheme == "https" && origin.ends_with(":443")) origin.resize(origin.size() - 4);
  if (scheme == "http" && origin.ends_with(":80")) origin.resize(origin.size() - 3);
  return origin;
}

bool IsLoopbackUrl(std::string_view url) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u) return false;
  std::string host = text::AsciiLower(u->encoded_host());
  return host == "localhost" || host.rfind("127.", 0) == 0 || host == "[::1]";
}

bool Fetcher::Allowed(std::string_view url) const {
  std::string origin = OriginOf(url);
  return !origin.empty() && std::find(allowed_.begin(), allowed_.end(), origin) != allowed_.end();
}

Result<FetchResult> Fetcher::Get(const std::string& url, const std::string& bearer) const {
  return Perform(url, nullptr, bearer, {}, {});
}

Result<FetchResult> Fetcher::PostForm(const std::string& url, const std::vector<std::pair<std::string, std::string>>& form,
                                      const std::string& basic_user, const std::string& basic_password) const {
  std::string body = FormEncode(form);
  return Perform(url, &body, {}, basic_user, basic_password);
}

Result<FetchResult> Fetcher::Perform(const std::string& url, const std::string* form_body, const std::string& bearer,
                                     const std::string& basic_user, const std::string& basic_password) const {
  if (!Allowed(url))
    return Error::Forbidden("the identity provider named " + (OriginOf(url).empty() ? std::string("an address") : OriginOf(url)) +
                            ", which is not the issuer's host nor in its allowed_hosts");
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  CURL* h = curl_easy_init();
  if (!h) return Error::Internal("curl_easy_init failed");
  FetchResult out;
  char error[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json");
  std::string auth_header;
  if (!bearer.empty()) {
    auth_header = "Authorization: Bearer " + bearer;
    headers = curl_slist_append(headers, auth_header.c_str());
  }
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &out.body);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "Agora");
  if (form_body) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, form_body->c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, static_cast<long>(form_body->size()));
  }
  if (!basic_user.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(h, CURLOPT_USERNAME, basic_user.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, basic_password.c_str());
  }
  CURLcode rc = curl_easy_perform(h);
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &out.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  if (rc != CURLE_OK) {
    std::string what = error[0] ? error : curl_easy_strerror(rc);
    return Error::Busy("the identity provider could not be reached (" + OriginOf(url) + ": " + what + ")", 30);
  }
  return out;
}

}  // namespace agora::sso
