// Uploading pictures for content, and reading them under the audience rule of the content
// they are attached to (only their owner sees one not attached yet). Files are stored as
// metadata-free WebP renditions (media/image.h), content-addressed (media/blob_store.h).
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/media/blob_store.h"
#include "modules/content/model.h"
#include "modules/identity/model.h"
#include "modules/images/model.h"
#include "store/database.h"

namespace agora::images {

class ImageService {
 public:
  ImageService(agora::store::Database& db, IdGenerator& ids, media::BlobStore& blobs, const Clock& clock)
      : db_(db), ids_(ids), blobs_(blobs), clock_(clock) {}

  // 415 for what is not an accepted image (by its bytes, whatever it claims), 422 `image`
  // for broken or oversized pictures, 422 `alt` for bad alternative text.
  Result<Image> Upload(const identity::Principal& owner, std::string_view content_type, std::string_view bytes,
                       std::string_view alt);
  // The rendition `size` (one of kSizes) of image `id`, if `viewer` may see it; 404 otherwise.
  Result<std::string> Read(const content::Viewer& viewer, Id id, int size);
  // Removes the files of `keys` that no image uses any more (after content was deleted).
  void RemoveUnusedFiles(const std::vector<std::string>& keys);

 private:
  // Removes `owner`'s uploads left unattached for kUnattachedTtlMs; how many still wait.
  size_t SweepStale(Id owner);

  agora::store::Database& db_;
  IdGenerator& ids_;
  media::BlobStore& blobs_;
  const Clock& clock_;
  // Held while files are written or removed together with their rows, so a removal never
  // deletes the files of an upload of the same bytes that is being committed.
  std::mutex files_mu_;
};

}  // namespace agora::images
