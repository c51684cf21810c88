#include "modules/images/attach.h"

#include <algorithm>

#include "modules/images/store.h"
#include "modules/media/named_uploads.h"

namespace agora::images {

std::vector<Id> NamedIn(std::string_view md) { return media::NamedUploads(md, "/api/v1/images/"); }

bool AttachTo(agora::store::Connection& c, Id content, Id writer, const std::vector<Id>& ids, size_t max) {
  auto attached = store::OfContent(c, content).size();
  for (Id id : ids) {
    auto image = store::Load(c, id);
    if (!image || image->content_id || image->owner_id != writer) continue;
    if (++attached > max) return false;
    c.Prepare("UPDATE images SET content_id = ?1, position = ?2 WHERE id = ?3 AND content_id IS NULL", content,
              static_cast<std::int64_t>(attached - 1), id)
        .Run();
  }
  return true;
}

}  // namespace agora::images
