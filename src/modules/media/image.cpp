#include "modules/media/image.h"

#include <malloc.h>
#include <vips/vips.h>
#include <webp/encode.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace agora::media {
namespace {

// Owns a GObject reference (VipsImage).
struct Unref {
  void operator()(VipsImage* im) const { g_object_unref(im); }
};
using ImagePtr = std::unique_ptr<VipsImage, Unref>;

// libvips keeps its error text in one process-wide buffer; we never show it to clients
// (it may name internals), only clear it so it does not grow.
void ClearVipsError() { vips_error_clear(); }

// libvips reports recoverable trouble in hostile files as GLib warnings on stderr, one per
// scanline; the upload's answer already says what went wrong.
void DropWarning(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

Error Unreadable() {
  ClearVipsError();
  return Error{ErrorCode::kUnsupportedMedia, "the file is not a JPEG, PNG, WebP or HEIC image that can be read", "image", 0};
}

// An 8-bit sRGB copy of `in`'s pixels in memory, with no metadata at all. Decodes `in`.
ImagePtr PixelsOnly(VipsImage* in) {
  VipsImage* srgb = nullptr;
  if (vips_colourspace(in, &srgb, VIPS_INTERPRETATION_sRGB, nullptr) != 0) return nullptr;
  ImagePtr srgb_ptr(srgb);
  VipsImage* bytes = nullptr;
  if (vips_cast_uchar(srgb, &bytes, nullptr) != 0) return nullptr;
  ImagePtr bytes_ptr(bytes);
  size_t size = 0;
  void* data = vips_image_write_to_memory(bytes, &size);
  if (!data) return nullptr;
  ImagePtr out(vips_image_new_from_memory_copy(data, size, vips_image_get_width(bytes), vips_image_get_height(bytes),
                                               vips_image_get_bands(bytes), VIPS_FORMAT_UCHAR));
  g_free(data);
  if (out) out->Type = VIPS_INTERPRETATION_sRGB;
  return out;
}

// Encodes 8-bit sRGB pixels (3 or 4 bands) with libwebp's simple API, which writes the
// picture and nothing else: libvips 8.14's webpsave adds an EXIF block even when told to
// strip metadata. Empty on failure.
std::string EncodeWebp(VipsImage* in) {
  constexpr float kQuality = 82;
  size_t size = 0;
  auto* pixels = static_cast<std::uint8_t*>(vips_image_write_to_memory(in, &size));
  if (!pixels) return {};
  int width = vips_image_get_width(in), height = vips_image_get_height(in), bands = vips_image_get_bands(in);
  std::uint8_t* encoded = nullptr;
  size_t len = 0;
  if (bands == 4 && vips_image_get_format(in) == VIPS_FORMAT_UCHAR)
    len = WebPEncodeRGBA(pixels, width, height, width * 4, kQuality, &encoded);
  else if (bands == 3 && vips_image_get_format(in) == VIPS_FORMAT_UCHAR)
    len = WebPEncodeRGB(pixels, width, height, width * 3, kQuality, &encoded);
  g_free(pixels);
  std::string out(reinterpret_cast<const char*>(encoded), len);
  WebPFree(encoded);
  return out;
}

}  // namespace

void InitImages() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("agora") != 0) throw std::runtime_error("libvips failed to start");
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, DropWarning, nullptr);
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    // Only the loaders we accept: libvips can also read PDF, SVG, FITS, MATLAB, and anything
    // ImageMagick reads; none of that should ever run on an upload.
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (const char* loader : {"VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadHeif"})
      vips_operation_block_set(loader, FALSE);
  });
}

void ReleaseImageMemory() {
  vips_thread_shutdown();
  malloc_trim(0);
}

bool IsAcceptedImageType(std::string_view mime) {
  return mime == "image/jpeg" || mime == "image/png" || mime == "image/webp" || mime == "image/heic" ||
         mime == "image/heif" || mime == "image/avif";
}

Result<ImageInfo> Inspect(std::string_view bytes) {
  const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (!loader) return Unreadable();
  ImagePtr im(vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!im) return Unreadable();
  ImageInfo info;
  info.width = vips_image_get_width(im.get());
  info.height = vips_image_get_height(im.get());
  info.has_exif = vips_image_get_typeof(im.get(), VIPS_META_EXIF_NAME) != 0;
  info.loader = loader;
  return info;
}

Result<std::string> WebpToJpeg(std::string_view webp, int quality) {
  ImagePtr im(vips_image_new_from_buffer(webp.data(), webp.size(), "", "access", VIPS_ACCESS_SEQUENTIAL, nullptr));
  if (!im) return Unreadable();
  VipsImage* flat = nullptr;
  if (vips_image_hasalpha(im.get())) {
    VipsArrayDouble* white = vips_array_double_newv(3, 255.0, 255.0, 255.0);
    const int rc = vips_flatten(im.get(), &flat, "background", white, nullptr);
    vips_area_unref(VIPS_AREA(white));
    if (rc != 0) return Unreadable();
    im.reset(flat);
  }
  void* out = nullptr;
  size_t size = 0;
  if (vips_jpegsave_buffer(im.get(), &out, &size, "Q", quality, "strip", TRUE, nullptr) != 0) return Unreadable();
  std::string jpeg(static_cast<const char*>(out), size);
  g_free(out);
  return jpeg;
}

namespace {

// The renditions of `bytes` bounded by each of `sizes`: centre-cropped squares, or (`fit`)
// the whole picture scaled down to fit a square of that side, never up.
Result<std::vector<Rendition>> Render(std::string_view bytes, std::span<const int> sizes, const ImageLimits& limits,
                                      bool fit) {
  auto info = Inspect(bytes);
  if (!info) return info.error();
  if (std::int64_t{info->width} * info->height > limits.max_pixels)
    return Error::Invalid("image", "the image is " + std::to_string(info->width) + " x " +
                                       std::to_string(info->height) + " pixels; at most " +
                                       std::to_string(limits.max_pixels / 1'000'000) + " megapixels are accepted");
  std::vector<int> wanted(sizes.begin(), sizes.end());
  std::sort(wanted.begin(), wanted.end(), std::greater<>());
  if (wanted.empty()) return std::vector<Rendition>{};
  const VipsInteresting crop = fit ? VIPS_INTERESTING_NONE : VIPS_INTERESTING_CENTRE;
  const VipsSize grow = fit ? VIPS_SIZE_DOWN : VIPS_SIZE_BOTH;

  // The largest is decoded once, with shrink-on-load for JPEG/WebP, and held in memory; the
  // smaller ones are scaled from it. The loader fails on truncated or corrupt data
  // (fail_on=error) instead of filling in grey. EXIF orientation is applied by thumbnail.
  VipsImage* raw = nullptr;
  if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &raw, wanted[0], "height", wanted[0],
                            "crop", crop, "size", grow, "option_string", "fail_on=error", nullptr) != 0) {
    ClearVipsError();
    return Error::Invalid("image", "the image is damaged and cannot be decoded");
  }
  ImagePtr largest(raw);
  // Only the pixels go on, as 8-bit sRGB (alpha kept): a fresh image is built from them, so
  // no metadata (EXIF, XMP, IPTC, comments, ICC profiles) can ride along to the encoder.
  auto memory = PixelsOnly(largest.get());
  if (!memory) {
    ClearVipsError();
    return Error::Invalid("image", "the image is damaged and cannot be decoded");
  }
  std::vector<Rendition> out;
  for (int size : wanted) {
    ImagePtr scaled;
    if (size == wanted[0]) {
      scaled.reset(memory.get());
      g_object_ref(memory.get());
    } else {
      VipsImage* s = nullptr;
      if (vips_thumbnail_image(memory.get(), &s, size, "height", size, "crop", crop, "size", grow, nullptr) != 0) {
        ClearVipsError();
        return Error::Internal("image scaling failed");
      }
      scaled.reset(s);
    }
    auto webp = EncodeWebp(scaled.get());
    if (webp.empty()) {
      ClearVipsError();
      return Error::Internal("image encoding failed");
    }
    out.push_back({size, vips_image_get_width(scaled.get()), vips_image_get_height(scaled.get()), std::move(webp)});
  }
  return out;
}

}  // namespace

Result<std::vector<Rendition>> RenderSquares(std::string_view bytes, std::span<const int> sizes,
                                             const ImageLimits& limits) {
  return Render(bytes, sizes, limits, /*fit=*/false);
}

Result<std::vector<Rendition>> RenderFitted(std::string_view bytes, std::span<const int> sizes,
                                            const ImageLimits& limits) {
  return Render(bytes, sizes, limits, /*fit=*/true);
}

}  // namespace agora::media
