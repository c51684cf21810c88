// People's wire format. Contact fields the viewer may not see are left out entirely.
#pragma once

#include <boost/json/object.hpp>

#include "core/result.h"
#include "modules/identity/model.h"
#include "modules/people/model.h"

namespace agora::people::json {

boost::json::object CardJson(const Card& c);
boost::json::object ProfileJson(const ProfileView& v, const identity::Principal& viewer);
// ProfileJson serialized. For a plain member viewing someone else, the part every such
// viewer sees alike is serialized once per profile version (v.rendered) and only
// followed_by_me and the endorsement flags are written per request.
std::string ProfileBody(const ProfileView& v, const identity::Principal& viewer);
// Reads a PATCH body; unknown fields and wrong types are 422 naming the field.
Result<ProfileChange> ParseChange(const boost::json::object& body);

}  // namespace agora::people::json
