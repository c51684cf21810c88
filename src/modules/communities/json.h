// Communities and memberships as clients see them.
#pragma once

#include <boost/json/object.hpp>

#include "modules/communities/service.h"

namespace agora::communities::json {

// {"id", "handle", "name", "description", "description_html", "type", "listed",
//  "allow_guests", "alumni", "tags", "member_count", "created_at", "membership"}
boost::json::object CommunityJson(const CommunityView& view);
// {"community_id", "person_id", "role", "state", "muted", "created_at"}
boost::json::object MembershipJson(const Membership& m);

}  // namespace agora::communities::json
