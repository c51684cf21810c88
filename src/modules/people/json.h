// People's wire format. Contact fields the viewer may not see are left out entirely.
#pragma once

#include <boost/json/object.hpp>

#include "core/result.h"
#include "modules/identity/model.h"
#include "modules/people/model.h"

namespace agora::people::json {

boost::json::object CardJson(const Card& c);
boost::json::object ProfileJson(const ProfileView& v, const identity::Principal& viewer);
// Reads a PATCH body; unknown fields and wrong types are 422 naming the field.
Result<ProfileChange> ParseChange(const boost::json::object& body);

}  // namespace agora::people::json
