// A community's avatar (square renditions) and banner (fitted into a wide box), uploaded by
// its owners and moderators, re-encoded without metadata (media/image.h) and stored
// content-addressed (media/blob_store.h) with suffixes of their own, so that removing them
// never touches a profile photo or a post image made of the same bytes. Read under the
// community's visibility (a secret one's pictures are 404 to outsiders).
#pragma once

#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/communities/service.h"
#include "modules/media/blob_store.h"
#include "store/database.h"

namespace agora::communities {

enum class Picture { kAvatar, kBanner };
std::optional<Picture> ParsePicture(std::string_view s);  // "avatar", "banner"

class PictureService {
 public:
  static constexpr std::array<int, 2> kAvatarSizes{256, 64};
  static constexpr std::array<int, 2> kBannerSizes{1600, 800};
  static constexpr std::int64_t kMaxUploadBytes = 20 * 1024 * 1024;

  PictureService(agora::store::Database& db, IdGenerator& ids, media::BlobStore& blobs, const Clock& clock)
      : db_(db), ids_(ids), blobs_(blobs), clock_(clock) {}

  // Sets (bytes given) or removes (empty `content_type` and bytes) a picture; owners and
  // moderators only. 415 / 422 `image` for what is not an acceptable image.
  Status Set(const identity::Principal& who, std::string_view community, Picture which, std::string_view content_type,
             std::string_view bytes);
  Status Remove(const identity::Principal& who, std::string_view community, Picture which);
  // The rendition `size` for a viewer who may see the community; with its key (for caching).
  Result<std::pair<std::string, std::string>> Read(const content::Viewer& viewer, std::string_view community,
                                                   Picture which, int size);

 private:
  Status Replace(const identity::Principal& who, std::string_view community, Picture which, const std::string& key);

  agora::store::Database& db_;
  IdGenerator& ids_;
  media::BlobStore& blobs_;
  const Clock& clock_;
  std::mutex files_mu_;  // as in people/photos.h: files and the rows pointing at them change together
};

}  // namespace agora::communities
