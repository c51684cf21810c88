#include "modules/wiki/home_feed.h"

#include <boost/json/serialize.hpp>

#include "modules/people/store.h"
#include "modules/wiki/json.h"
#include "modules/wiki/watch.h"

namespace agora::wiki {

feed::HomeSource WatchedSpacesSource() {
  return [](agora::store::Connection& c, const content::Viewer& viewer, Id before, int limit) {
    std::vector<feed::HomeItem> out;
    for (const auto& it : WatchedChanges(c, viewer, before, limit))
      out.push_back({it.key, boost::json::serialize(json::ChangeJson(it, people::store::CardOf(c, it.author)))});
    return out;
  };
}

}  // namespace agora::wiki
