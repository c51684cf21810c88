// Identity's wire format: the only place its JSON field names appear.
#pragma once

#include <boost/json/object.hpp>

#include "modules/identity/model.h"

namespace agora::identity::json {

boost::json::object UserJson(const User& u);
boost::json::object SessionJson(const SessionInfo& s, Id current_session_id);
boost::json::object TokenJson(const AccessToken& t);

}  // namespace agora::identity::json
