// Uploading files for content, and reading them under the audience rule of the content they
// are attached to (only their uploader reads one not attached yet). The bytes are kept as
// they came, content-addressed (media/blob_store.h); what they are is read from them.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/content/model.h"
#include "modules/files/model.h"
#include "modules/identity/model.h"
#include "modules/media/blob_store.h"
#include "store/database.h"

namespace agora::files {

struct Download {
  File file;
  std::shared_ptr<const OpenFile> bytes;  // sent from disk in pieces, never read whole
};

class FileService {
 public:
  FileService(agora::store::Database& db, IdGenerator& ids, media::BlobStore& blobs, const Clock& clock)
      : db_(db), ids_(ids), blobs_(blobs), clock_(clock) {}

  // 422 `name` for a missing or unusable name, 422 `file` for an empty body or too many
  // uploads waiting; alumni upload nothing (403).
  Result<File> Upload(const identity::Principal& owner, std::string_view name, std::string_view bytes);
  // File `id` and its bytes, if `viewer` may read it; 404 otherwise.
  Result<Download> Read(const content::Viewer& viewer, Id id);

 private:
  // Removes `owner`'s uploads left unattached for kUnattachedTtlMs; how many still wait.
  size_t SweepStale(Id owner);

  agora::store::Database& db_;
  IdGenerator& ids_;
  media::BlobStore& blobs_;
  const Clock& clock_;
  std::mutex files_mu_;  // a file written and a file removed as unused never cross
};

// The file ids a Markdown text links to (`[a plan](/api/v1/files/{id}/plan.pdf)`), in order,
// each once.
std::vector<Id> NamedIn(std::string_view markdown);

// Attaches to `content` the writer's waiting uploads among `ids` (those attached already
// stay; others' are left as they are: a reader who may not read them gets a 404). False,
// attaching nothing more, when the content would hold more than `max`.
bool AttachTo(agora::store::Connection& c, Id content, Id writer, const std::vector<Id>& ids, size_t max);

// A file's address (its name at the end, so that a saved link says what it is).
std::string UrlOf(const File& f);

}  // namespace agora::files
