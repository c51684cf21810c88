#include "modules/blogs/entry_images.h"

#include <algorithm>
#include <string>

#include "modules/images/store.h"

namespace agora::blogs {

std::vector<Id> ImagesNamedIn(std::string_view md) {
  constexpr std::string_view kPrefix = "/api/v1/images/";
  std::vector<Id> out;
  for (size_t at = md.find(kPrefix); at != std::string_view::npos; at = md.find(kPrefix, at + 1)) {
    size_t begin = at + kPrefix.size(), end = begin;
    while (end < md.size() && md[end] >= '0' && md[end] <= '9') ++end;
    if (end == begin || end - begin > 19 || end >= md.size() || md[end] != '/') continue;
    auto id = ParseId(md.substr(begin, end - begin));
    if (id && std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
  }
  return out;
}

Status AttachImages(agora::store::Connection& c, Id entry, Id writer, std::string_view body, std::optional<Id> cover) {
  auto wanted = ImagesNamedIn(body);
  if (cover && std::find(wanted.begin(), wanted.end(), *cover) == wanted.end()) wanted.insert(wanted.begin(), *cover);
  auto attached = images::store::OfContent(c, entry).size();
  for (Id id : wanted) {
    auto image = images::store::Load(c, id);
    const bool usable = image && (image->content_id == entry || (!image->content_id && image->owner_id == writer));
    if (!usable) {
      if (cover && id == *cover)
        return Error::Invalid("cover_image", "no such image of yours waiting to be used (upload it first), nor of this entry");
      continue;
    }
    if (image->content_id) continue;
    if (++attached > kMaxEntryImages) return Error::Invalid("body", "an entry shows at most 50 pictures");
    c.Prepare("UPDATE images SET content_id = ?1, position = ?2 WHERE id = ?3 AND content_id IS NULL", entry,
              static_cast<std::int64_t>(attached - 1), id)
        .Run();
  }
  return OkStatus();
}

}  // namespace agora::blogs
