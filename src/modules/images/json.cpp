#include "modules/images/json.h"

#include <algorithm>

namespace agora::images::json {

boost::json::object ImageJson(const Image& i) {
  const std::string base = "/api/v1/images/" + IdToString(i.id) + "/";
  // The preview's own size: the large one scaled into kPreview (never enlarged).
  const double scale = std::min(1.0, static_cast<double>(kPreview) / std::max(i.width, i.height));
  return {{"id", IdToString(i.id)},
          {"width", i.width},
          {"height", i.height},
          {"alt", i.alt},
          {"url", base + std::to_string(kLarge)},
          {"preview_url", base + std::to_string(kPreview)},
          {"preview_width", std::max(1, static_cast<int>(i.width * scale + 0.5))},
          {"preview_height", std::max(1, static_cast<int>(i.height * scale + 0.5))}};
}

}  // namespace agora::images::json
