// Blogs and entries as JSON (openapi.yaml's Blog, BlogEntry and BlogWriter).
#pragma once

#include <boost/json/object.hpp>

#include "modules/blogs/model.h"

namespace agora::blogs::json {

boost::json::object BlogJson(const BlogView& v);
boost::json::object EntryJson(const EntryView& v);
boost::json::object WriterJson(const Writer& w);

}  // namespace agora::blogs::json
