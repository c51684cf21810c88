#include "modules/media/sniff.h"

#include <magic.h>

#include <memory>
#include <stdexcept>

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

}  // namespace agora::media
