// Untrusted images in, safe images out: libvips decodes only the formats we accept (JPEG,
// PNG, WebP, HEIC/HEIF), refuses decompression bombs, and re-encodes to WebP renditions
// without metadata (EXIF, with its GPS location, XMP, IPTC and comments are all dropped).
// Rotation from the EXIF orientation is applied before the metadata goes.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agora::media {

// Starts libvips once per process (before any other call here): a single thread per
// operation (requests are already parallel), no operation cache (every image is new), and
// every loader blocked except the four accepted formats.
void InitImages();

// Gives back what decoding left behind on the calling thread: libvips' per-thread buffers
// and the free pages of malloc's arenas. Without it a burst of 49-megapixel uploads left the
// process holding about 690 MiB for good (retention, not a leak). Call after an image job.
void ReleaseImageMemory();

// The image formats uploads may be, as sniffed MIME types.
bool IsAcceptedImageType(std::string_view mime);

struct ImageLimits {
  std::int64_t max_pixels = 50'000'000;  // width x height of the decoded original
};

struct Rendition {
  int size = 0;       // the bounding square's side in pixels
  int width = 0, height = 0;
  std::string webp;   // encoded bytes
};

// Square renditions (centre crop) of `bytes`, one per entry of `sizes`, largest first in the
// output. Errors: 415 when libvips cannot read the bytes as an accepted format, 422 (field
// `image`) when the image is too large to decode safely or broken part-way.
Result<std::vector<Rendition>> RenderSquares(std::string_view bytes, std::span<const int> sizes,
                                             const ImageLimits& limits = {});

// The whole picture scaled down (never up) to fit a square of each of `sizes`, aspect kept:
// pictures attached to posts. Errors as for RenderSquares.
Result<std::vector<Rendition>> RenderFitted(std::string_view bytes, std::span<const int> sizes,
                                            const ImageLimits& limits = {});

// One of our own renditions (WebP) as JPEG, for readers that know no WebP (EPUB 3.2's core
// media types hold JPEG, PNG, GIF and SVG). Alpha is flattened onto white.
Result<std::string> WebpToJpeg(std::string_view webp, int quality = 85);

struct ImageInfo {
  int width = 0, height = 0;
  bool has_exif = false;
  std::string loader;  // libvips loader, e.g. "webpload_buffer"
};
// Reads the header of an encoded image (tests and diagnostics).
Result<ImageInfo> Inspect(std::string_view bytes);

}  // namespace agora::media
