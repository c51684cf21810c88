// The wire format of attached files (openapi.yaml's File).
#pragma once

#include <boost/json/object.hpp>

#include "modules/files/model.h"

namespace agora::files::json {

boost::json::object FileJson(const File& f);

}  // namespace agora::files::json
