#include "modules/media/sniff.h"

#include <magic.h>

#include <memory>
#include <stdexcept>

#include "modules/media/image.h"

namespace agora::media {
namespace {

struct MagicCloser {
  void operator()(magic_t m) const { magic_close(m); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

// A magic_t is not safe to share between threads; each thread opens its own once (loading
// the compiled database costs about a millisecond).
magic_t ThreadMagic() {
  thread_local Magic magic = [] {
    Magic m(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF | MAGIC_ERROR));
    if (!m || magic_load(m.get(), nullptr) != 0)
      throw std::runtime_error("libmagic: cannot load its database (is libmagic-mgc installed?)");
    return m;
  }();
  return magic.get();
}

}  // namespace

std::string SniffMime(std::string_view bytes) {
  // The signatures that matter sit in the first few KiB; capping the input bounds the work
  // libmagic does on hostile files.
  constexpr size_t kSniffBytes = 64 * 1024;
  const char* mime = magic_buffer(ThreadMagic(), bytes.data(), std::min(bytes.size(), kSniffBytes));
  return mime ? std::string(mime) : std::string("application/octet-stream");
}

namespace {

// "image/JPEG; charset=x" -> "image/jpeg"
std::string MediaType(std::string_view content_type) {
  auto semi = content_type.find(';');
  std::string t(content_type.substr(0, semi));
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
  for (char& ch : t) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return t;
}

Error NotAnImage(const std::string& what) {
  return Error{ErrorCode::kUnsupportedMedia, what + "; upload a JPEG, PNG, WebP or HEIC image", "image", 0};
}

}  // namespace

Status CheckImageUpload(std::string_view content_type, std::string_view bytes) {
  std::string declared = MediaType(content_type);
  if (!IsAcceptedImageType(declared))
    return NotAnImage("Content-Type " + (declared.empty() ? std::string("(none)") : declared) + " is not an accepted image type");
  if (bytes.empty()) return Error::Invalid("image", "the request body is empty");
  std::string sniffed = SniffMime(bytes);
  if (!IsAcceptedImageType(sniffed)) return NotAnImage("the file is " + sniffed + ", not an image");
  return OkStatus();
}

}  // namespace agora::media
