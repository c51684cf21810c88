// The image pipeline and the content-addressed file store, on images libvips builds here.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <filesystem>
#include <vector>

#include "core/crypto.h"
#include "modules/media/blob_store.h"
#include "modules/media/image.h"
#include "modules/media/sniff.h"

namespace agora::media {
namespace {

// A 3-band test picture, encoded by `save` ("jpeg", "png", "heif"), carrying an EXIF
// description and GPS reference that must not survive.
std::string Encode(const char* format, int width, int height) {
  InitImages();
  VipsImage* black = nullptr;
  EXPECT_EQ(vips_black(&black, width, height, "bands", 3, nullptr), 0);
  VipsImage* img = nullptr;
  EXPECT_EQ(vips_linear1(black, &img, 1.0, 90.0, "uchar", TRUE, nullptr), 0);
  g_object_unref(black);
  vips_image_set_string(img, "exif-ifd0-ImageDescription", "SECRET-PLACE");
  vips_image_set_string(img, "exif-ifd3-GPSLatitudeRef", "N");
  void* buf = nullptr;
  size_t len = 0;
  int rc = std::string_view(format) == "jpeg"  ? vips_jpegsave_buffer(img, &buf, &len, nullptr)
           : std::string_view(format) == "png" ? vips_pngsave_buffer(img, &buf, &len, nullptr)
                                               : vips_heifsave_buffer(img, &buf, &len, nullptr);
  g_object_unref(img);
  if (rc != 0) {
    vips_error_clear();
    return {};
  }
  std::string out(static_cast<const char*>(buf), len);
  g_free(buf);
  return out;
}

constexpr int kSizes[] = {64, 256, 512};

TEST(Images, JpegBecomesSquareWebpWithoutExif) {
  std::string jpeg = Encode("jpeg", 800, 600);
  ASSERT_FALSE(jpeg.empty());
  ASSERT_NE(jpeg.find("SECRET-PLACE"), std::string::npos) << "the test image must carry EXIF";
  auto before = Inspect(jpeg);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->has_exif);
  auto out = RenderSquares(jpeg, kSizes);
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_EQ(out->size(), 3u);
  EXPECT_EQ((*out)[0].size, 512) << "largest first";
  for (const auto& r : *out) {
    auto info = Inspect(r.webp);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->width, r.size);
    EXPECT_EQ(info->height, r.size);
    EXPECT_FALSE(info->has_exif);
    EXPECT_EQ(r.webp.find("SECRET-PLACE"), std::string::npos);
    EXPECT_EQ(SniffMime(r.webp), "image/webp");
  }
}

TEST(Images, HeicIsRead) {
  std::string heic = Encode("heif", 300, 300);
  if (heic.empty()) GTEST_SKIP() << "this libheif cannot encode HEIC to make a test image";
  EXPECT_TRUE(IsAcceptedImageType(SniffMime(heic))) << SniffMime(heic);
  auto out = RenderSquares(heic, kSizes);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(Inspect((*out)[2].webp)->width, 64);
}

TEST(Images, DamagedAndForeignInputIsRefused) {
  std::string jpeg = Encode("jpeg", 400, 400);
  auto truncated = RenderSquares(std::string_view(jpeg).substr(0, jpeg.size() / 2), kSizes);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::kInvalidField);
  auto text = RenderSquares("hello, this is not an image at all", kSizes);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().code, ErrorCode::kUnsupportedMedia);
  // libvips could read an SVG, but its loader is blocked: never parse XML from an upload.
  auto svg = RenderSquares("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>", kSizes);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.error().code, ErrorCode::kUnsupportedMedia);
}

TEST(Images, TooManyPixelsIsRefusedBeforeDecoding) {
  std::string png = Encode("png", 2000, 1000);
  auto out = RenderSquares(png, kSizes, ImageLimits{.max_pixels = 1'000'000});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().field, "image");
  EXPECT_TRUE(RenderSquares(png, kSizes, ImageLimits{.max_pixels = 2'000'000}).ok());
}

TEST(Sniff, ReadsTheBytesNotTheName) {
  EXPECT_EQ(SniffMime(Encode("jpeg", 8, 8)), "image/jpeg");
  EXPECT_EQ(SniffMime(Encode("png", 8, 8)), "image/png");
  EXPECT_EQ(SniffMime("#!/bin/sh\necho hi\n"), "text/x-shellscript");
  EXPECT_FALSE(IsAcceptedImageType(SniffMime("%PDF-1.4\n")));
}

TEST(BlobStore, StoresByKeyIdempotentlyAndRemoves) {
  auto dir = std::filesystem::temp_directory_path() / ("agora-blobs-" + crypto::ToHex(crypto::RandomToken(6)));
  BlobStore store(dir.string());
  std::string bytes = "some picture bytes";
  std::string key = crypto::ToHex(crypto::Sha256(bytes));
  ASSERT_TRUE(store.Put(key, "-64.webp", bytes).ok());
  ASSERT_TRUE(store.Put(key, "-64.webp", bytes).ok()) << "writing the same content again is fine";
  EXPECT_TRUE(std::filesystem::exists(dir / key.substr(0, 2) / (key + "-64.webp")));
  EXPECT_EQ(store.Read(key, "-64.webp"), bytes);
  EXPECT_EQ(store.Read(key, "-256.webp"), std::nullopt);
  EXPECT_FALSE(store.Put("../../etc/passwd", "", bytes).ok()) << "keys are digests, never paths";
  EXPECT_EQ(store.Read("../" + key.substr(3), "-64.webp"), std::nullopt);
  store.Remove(key, "-64.webp");
  EXPECT_EQ(store.Read(key, "-64.webp"), std::nullopt);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace agora::media
