#include "modules/communities/json.h"

#include <boost/json/array.hpp>

#include "core/clock.h"

namespace agora::communities::json {

boost::json::object MembershipJson(const Membership& m) {
  return {{"community_id", IdToString(m.community_id)},
          {"person_id", IdToString(m.person_id)},
          {"role", RoleName(m.role)},
          {"state", StateName(m.state)},
          {"muted", m.muted},
          {"created_at", FormatRfc3339(m.created_at)}};
}

namespace {
// {"small", "large"} URLs of a picture, keyed so that they can be cached for good; null when none.
boost::json::value Pictures(Id id, const char* which, const std::string& key, int small, int large) {
  if (key.empty()) return nullptr;
  const std::string base = "/api/v1/communities/" + IdToString(id) + "/" + which + "/";
  const std::string v = "?v=" + key.substr(0, 16);
  return boost::json::object{{"small", base + std::to_string(small) + v}, {"large", base + std::to_string(large) + v}};
}
}  // namespace

boost::json::object CommunityJson(const CommunityView& v) {
  const auto& x = v.community;
  boost::json::array tags;
  for (const auto& t : x.tags) tags.push_back(boost::json::string(t));
  return {{"id", IdToString(x.id)},
          {"handle", x.handle},
          {"name", x.name},
          {"description", x.description},
          {"description_html", x.description_html},
          {"type", TypeName(x.type)},
          {"listed", x.listed},
          {"allow_guests", x.allow_guests},
          {"alumni", x.alumni},
          {"tags", std::move(tags)},
          {"member_count", x.member_count},
          {"avatar", Pictures(x.id, "avatar", x.avatar_key, 64, 256)},
          {"banner", Pictures(x.id, "banner", x.banner_key, 800, 1600)},
          {"created_at", FormatRfc3339(x.created_at)},
          {"membership", v.mine && v.mine->state != State::kBanned ? boost::json::value(MembershipJson(*v.mine))
                                                                   : boost::json::value(nullptr)}};
}

}  // namespace agora::communities::json
