// Files attached to content (wiki pages): uploaded first, attached when the page that links
// to them is saved, downloadable by whoever may read that content (an attachment's audience
// is its content's), and by their uploader alone while they wait.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/ids.h"

namespace agora::files {

struct File {
  Id id = 0;
  Id owner_id = 0;
  std::string key;         // the bytes' content address (media/blob_store.h)
  std::string name;        // as uploaded: shown, and the download's name
  std::string media_type;  // what libmagic reads in the bytes
  std::int64_t size = 0;   // bytes
  std::optional<Id> content_id;
  std::int64_t created_at = 0;
};

constexpr std::int64_t kMaxUploadBytes = 50 * 1024 * 1024;
constexpr size_t kMaxNameBytes = 255;  // as file systems allow
// Uploads not attached within a day are removed (the next upload of their owner sweeps).
constexpr std::int64_t kUnattachedTtlMs = 24 * 3600 * 1000;
constexpr size_t kMaxUnattached = 20;  // waiting per person: the disk is not a free locker
constexpr std::string_view kSuffix = ".file";

}  // namespace agora::files
