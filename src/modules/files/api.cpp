#include "modules/files/api.h"

#include <cctype>

#include "http/response.h"
#include "modules/files/json.h"

namespace agora::files {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

std::string AttachmentDisposition(std::string_view name, std::string_view fallback) {
  std::string encoded;
  for (unsigned char ch : name) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
      encoded.push_back(static_cast<char>(ch));
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[ch >> 4];
      encoded += kHex[ch & 15];
    }
  }
  return "attachment; filename=\"" + std::string(fallback) + "\"; filename*=UTF-8''" + encoded;
}

void RegisterApi(http::Router& router, FileService& service) {
  // Hashing, sniffing and writing up to 50 MiB: the upload pool (admitted per person, low
  // priority), as pictures are, not an io thread.
  router.Add(Method::kPost, "/api/v1/files", {.access = Access::kUser, .max_body_bytes = kMaxUploadBytes, .work = http::Work::kImage},
             [&service](Request& req) {
    auto file = service.Upload(*req.principal, req.Query("name"), req.body);
    if (!file) return http::Problem(file.error());
    return http::Json(201, json::FileJson(*file));
  });
  // {name} is the file's name as its link shows it; the id alone decides.
  router.Add(Method::kGet, "/api/v1/files/{id}/{name}", {.access = Access::kPublic}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto got = service.Read(content::ViewerOf(req.principal), *id);
    if (!got) return http::Problem(got.error());
    Response r;
    // Whatever the bytes are, the browser saves them and never runs them here: an
    // attachment, a sandboxed document if opened anyway, and no sniffing (server-wide).
    r.content_type = got->file.media_type;
    r.headers.emplace_back("Content-Disposition", AttachmentDisposition(got->file.name, "attachment"));
    r.headers.emplace_back("Content-Security-Policy", "sandbox; default-src 'none'");
    r.file_length = got->bytes->size();
    r.file = std::move(got->bytes);
    // A file id always names the same bytes; its content address is a strong validator (a
    // resumed download asks If-Range with it).
    r.headers.emplace_back("ETag", "\"" + got->file.key + "\"");
    r.cache_control = "private, max-age=31536000, immutable";
    return r;
  });
}

}  // namespace agora::files
