#include "modules/media/named_uploads.h"

#include <algorithm>

namespace agora::media {

std::vector<Id> NamedUploads(std::string_view md, std::string_view prefix) {
  std::vector<Id> out;
  for (size_t at = md.find(prefix); at != std::string_view::npos; at = md.find(prefix, at + 1)) {
    size_t begin = at + prefix.size(), end = begin;
    while (end < md.size() && md[end] >= '0' && md[end] <= '9') ++end;
    if (end == begin || end - begin > 19 || end >= md.size() || md[end] != '/') continue;
    auto id = ParseId(md.substr(begin, end - begin));
    if (id && std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
  }
  return out;
}

}  // namespace agora::media
