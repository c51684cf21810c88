// Files stored content-addressed under the data directory (DESIGN.md, Storage): a file's
// name is the SHA-256 of its bytes, so writing the same bytes twice stores them once and a
// name, once known, always means the same content (safe to cache forever).
//
//   <root>/<first two hex digits>/<64 hex digits><suffix>
//
// Writes go to a temporary file that is synced and renamed into place, so a reader never sees
// half a file and a crash leaves at most a stray temporary.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/open_file.h"
#include "core/result.h"

namespace agora::media {

class BlobStore {
 public:
  explicit BlobStore(std::string root);

  // Stores `bytes` under `key` + `suffix` (key: 64 lower-case hex digits). Idempotent.
  Status Put(std::string_view key, std::string_view suffix, std::string_view bytes);
  // The whole file, or nullopt when it does not exist.
  std::optional<std::string> Read(std::string_view key, std::string_view suffix) const;
  // The file opened, to be read in pieces (a download); nullptr when it does not exist.
  std::shared_ptr<const OpenFile> Open(std::string_view key, std::string_view suffix) const;
  // Removes the file if present.
  void Remove(std::string_view key, std::string_view suffix);

  static bool IsKey(std::string_view key);
  const std::string& root() const { return root_; }

 private:
  std::string PathOf(std::string_view key, std::string_view suffix) const;
  std::string root_;
};

}  // namespace agora::media
