// Profile photos: an upload is sniffed (libmagic), decoded and re-encoded by libvips into
// square WebP renditions without metadata, and stored content-addressed (media/BlobStore).
// The profile keeps the key; replacing or removing a photo removes files nobody else uses.
#pragma once

#include <array>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/media/blob_store.h"
#include "modules/media/image.h"
#include "store/database.h"

namespace agora::people {

class PhotoService {
 public:
  // Largest first: the profile page (2x), the profile page, lists and avatars.
  static constexpr std::array<int, 3> kSizes{512, 256, 64};
  static constexpr std::int64_t kMaxUploadBytes = 10 * 1024 * 1024;

  // `bus` hears of every photo change after it commits (kProfileChanged: cached profiles
  // carry the photo's key).
  PhotoService(agora::store::Database& db, IdGenerator& ids, media::BlobStore& blobs, const Clock& clock,
               bus::Bus* bus, media::ImageLimits limits = {})
      : db_(db), ids_(ids), blobs_(blobs), clock_(clock), bus_(bus), limits_(limits) {}

  // Sets `user`'s photo from an upload whose Content-Type claims `content_type`. 415 when the
  // claim or the bytes are not an accepted image (nothing is stored), 422 ("image") when it
  // is too large to decode or damaged. Returns the new key. `actor` is who does it: an admin
  // changing someone else's photo is written to the audit log.
  Result<std::string> Set(Id user, std::string_view content_type, std::string_view bytes, Id actor);
  // Removes `user`'s photo (no error when there is none).
  Status Remove(Id user, Id actor);
  // The current key ('' when none).
  std::string KeyOf(Id user);
  // The rendition of `size` (one of kSizes) of `key`; nullopt when missing.
  std::optional<std::string> Rendition(std::string_view key, int size) const;

  static bool IsSize(int size);

 private:
  // Points the profile at `key` ('' for none) and removes the old files if unused.
  Status Replace(Id user, const std::string& key, Id actor);

  agora::store::Database& db_;
  IdGenerator& ids_;
  media::BlobStore& blobs_;
  const Clock& clock_;
  bus::Bus* bus_;
  media::ImageLimits limits_;
  // Storing files, pointing profiles at them and removing unused ones happen under this lock,
  // so a file is never removed between another upload's write and its profile update.
  std::mutex files_mu_;
};

}  // namespace agora::people
