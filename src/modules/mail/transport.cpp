#include "modules/mail/transport.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <mutex>

#include "modules/mail/message.h"

namespace agora::mail {

std::string Transport::Describe() const {
  const Destination d = Where();
  if (d.kind == "folder") return "the folder " + d.target;
  return "SMTP " + d.target + (d.user.empty() ? "" : " as " + d.user);
}

namespace {

struct Upload {
  const std::string* bytes;
  std::size_t offset = 0;
};

std::size_t ReadUpload(char* buffer, std::size_t size, std::size_t count, void* data) {
  auto* u = static_cast<Upload*>(data);
  std::size_t n = std::min(size * count, u->bytes->size() - u->offset);
  std::memcpy(buffer, u->bytes->data() + u->offset, n);
  u->offset += n;
  return n;
}

class Smtp final : public Transport {
 public:
  Smtp(const MailConfig& config, std::string password) : config_(config), password_(std::move(password)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    handle_ = curl_easy_init();
  }
  ~Smtp() override { curl_easy_cleanup(handle_); }

  Destination Where() const override {
    // The URL without any user information it may carry.
    std::string url = config_.smtp_url;
    if (auto at = url.find('@'); at != std::string::npos) url = url.substr(0, url.find("//") + 2) + url.substr(at + 1);
    return {"smtp", url, config_.username};
  }

  SendResult Send(std::string_view to, const std::string& bytes, std::string_view) override {
    CURL* h = handle_;
    curl_easy_reset(h);  // keeps the open connection
    const std::string from = "<" + AddressOf(config_.from) + ">";
    const std::string rcpt = "<" + std::string(to) + ">";
    curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
    Upload upload{&bytes};
    char error[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(h, CURLOPT_URL, config_.smtp_url.c_str());
    curl_easy_setopt(h, CURLOPT_USE_SSL, config_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
    if (!config_.username.empty()) {
      curl_easy_setopt(h, CURLOPT_USERNAME, config_.username.c_str());
      curl_easy_setopt(h, CURLOPT_PASSWORD, password_.c_str());
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadUpload);
    curl_easy_setopt(h, CURLOPT_READDATA, &upload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    CURLcode rc = curl_easy_perform(h);
    long code = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(recipients);
    if (rc == CURLE_OK) return {};
    std::string what = error[0] ? error : curl_easy_strerror(rc);
    if (code) what += " (SMTP " + std::to_string(code) + ")";
    const bool permanent = code >= 500 && code < 600 && rc != CURLE_LOGIN_DENIED;
    return {permanent ? SendResult::Outcome::kPermanent : SendResult::Outcome::kTemporary, what};
  }

 private:
  MailConfig config_;
  std::string password_;
  CURL* handle_ = nullptr;
};

class Folder final : public Transport {
 public:
  explicit Folder(std::string folder) : folder_(std::move(folder)) {}
  Destination Where() const override { return {"folder", folder_, ""}; }

  SendResult Send(std::string_view, const std::string& bytes, std::string_view id) override {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    ::chmod(folder_.c_str(), 0700);
    const std::string path = folder_ + "/" + std::string(id) + ".eml";
    const std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return {SendResult::Outcome::kTemporary, "cannot write " + tmp + ": " + std::strerror(errno)};
    bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    ok = ::close(fd) == 0 && ok;
    if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0)
      return {SendResult::Outcome::kTemporary, "cannot write " + path + ": " + std::strerror(errno)};
    return {};
  }

 private:
  std::string folder_;
};

}  // namespace

std::unique_ptr<Transport> SmtpTransport(const MailConfig& config, std::string password) {
  return std::make_unique<Smtp>(config, std::move(password));
}
std::unique_ptr<Transport> FolderTransport(std::string folder) { return std::make_unique<Folder>(std::move(folder)); }

}  // namespace agora::mail
