#include "modules/images/attach.h"

#include <algorithm>

#include "modules/images/store.h"

namespace agora::images {

std::vector<Id> NamedIn(std::string_view md) {
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
