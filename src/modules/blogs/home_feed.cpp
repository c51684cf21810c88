#include "modules/blogs/home_feed.h"

#include <boost/json/serialize.hpp>

#include "modules/blogs/json.h"

namespace agora::blogs {

feed::HomeSource FollowedBlogsSource(BlogService& blogs) {
  return [&blogs](agora::store::Connection& c, const content::Viewer& viewer, Id before, int limit) {
    std::vector<feed::HomeItem> out;
    for (const auto& [key, view] : blogs.FollowedEntries(c, viewer, before, limit))
      out.push_back({key, boost::json::serialize(json::EntryJson(view))});
    return out;
  };
}

}  // namespace agora::blogs
