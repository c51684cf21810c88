#include "modules/blogs/entry_images.h"

#include <algorithm>

#include "modules/images/attach.h"
#include "modules/images/store.h"

namespace agora::blogs {

Status AttachImages(agora::store::Connection& c, Id entry, Id writer, std::string_view body, std::optional<Id> cover) {
  auto wanted = images::NamedIn(body);
  if (cover) {
    auto image = images::store::Load(c, *cover);
    if (!image || !(image->content_id == entry || (!image->content_id && image->owner_id == writer)))
      return Error::Invalid("cover_image", "no such image of yours waiting to be used (upload it first), nor of this entry");
    if (std::find(wanted.begin(), wanted.end(), *cover) == wanted.end()) wanted.insert(wanted.begin(), *cover);
  }
  if (!images::AttachTo(c, entry, writer, wanted, kMaxEntryImages)) return Error::Invalid("body", "an entry shows at most 50 pictures");
  return OkStatus();
}

}  // namespace agora::blogs
