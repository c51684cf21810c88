// Pictures attached to content: uploaded first, attached when the post (or later a blog
// entry) that shows them is created, readable by whoever may read that content.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"

namespace agora::images {

struct Image {
  Id id = 0;
  Id owner_id = 0;
  std::string key;  // the files' content address (media/blob_store.h)
  int width = 0, height = 0;  // of the large rendition
  std::string alt;  // text for people who cannot see it
  std::optional<Id> content_id;
  int position = 0;
  std::int64_t created_at = 0;
};

// Renditions: the whole picture fitted into a square of each side (never enlarged).
constexpr int kLarge = 1600;
constexpr int kPreview = 640;
constexpr std::array<int, 2> kSizes{kLarge, kPreview};
constexpr size_t kMaxPerContent = 4;
constexpr size_t kMaxAltChars = 1000;
constexpr std::int64_t kMaxUploadBytes = 20 * 1024 * 1024;
// Uploads not attached within a day are removed (the next upload of their owner sweeps).
constexpr std::int64_t kUnattachedTtlMs = 24 * 3600 * 1000;
constexpr size_t kMaxUnattached = 20;  // waiting per person: the disk is not a free locker

}  // namespace agora::images
