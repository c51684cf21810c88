// An image as clients see it: its size, alternative text and the URLs of its renditions.
#pragma once

#include <boost/json/object.hpp>

#include "modules/images/model.h"

namespace agora::images::json {

// {"id", "width", "height", "alt", "url" (large), "preview_url"}
boost::json::object ImageJson(const Image& image);

}  // namespace agora::images::json
