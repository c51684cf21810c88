#include "modules/files/json.h"

#include "core/clock.h"
#include "modules/files/service.h"

namespace agora::files::json {

boost::json::object FileJson(const File& f) {
  return {{"id", IdToString(f.id)},
          {"name", f.name},
          {"media_type", f.media_type},
          {"size", f.size},
          {"url", UrlOf(f)},
          {"uploaded_by", IdToString(f.owner_id)},
          {"created_at", FormatRfc3339(f.created_at)}};
}

}  // namespace agora::files::json
