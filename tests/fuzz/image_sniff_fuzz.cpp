// Uploaded bytes: libmagic's sniffing and the upload type check, then libvips' header reading
// (dimensions, the decompression-bomb check) for whatever passes as an accepted image.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "modules/media/image.h"
#include "modules/media/sniff.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static bool started = (agora::media::InitImages(), true);
  (void)started;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto mime = agora::media::SniffMime(bytes);
  if (agora::media::CheckImageUpload(mime, bytes)) (void)agora::media::Inspect(bytes);
  return 0;
}
