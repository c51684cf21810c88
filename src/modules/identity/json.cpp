#include "modules/identity/json.h"

#include "core/clock.h"

namespace agora::identity::json {
namespace {
boost::json::value OptTime(const std::optional<std::int64_t>& t) {
  if (!t) return nullptr;
  return boost::json::string(FormatRfc3339(*t));
}
}  // namespace

boost::json::object UserJson(const User& u) {
  return {{"id", IdToString(u.id)},
          {"email", u.email},
          {"handle", u.handle},
          {"display_name", u.display_name},
          {"role", RoleName(u.role)},
          {"active", u.active},
          {"created_at", FormatRfc3339(u.created_at)},
          {"deactivated_at", OptTime(u.deactivated_at)},
          {"activated", u.activated},
          {"invited_at", OptTime(u.invited_at)},
          {"two_factor", u.two_factor},
          {"language", u.language.empty() ? boost::json::value(nullptr) : boost::json::value(u.language)}};
}

boost::json::object SessionJson(const SessionInfo& s, Id current_session_id) {
  return {{"id", IdToString(s.id)},
          {"created_at", FormatRfc3339(s.created_at)},
          {"last_seen_at", FormatRfc3339(s.last_seen_at)},
          {"expires_at", FormatRfc3339(s.expires_at)},
          {"ip", s.ip},
          {"user_agent", s.user_agent},
          {"current", s.id == current_session_id}};
}

boost::json::object TokenJson(const AccessToken& t) {
  return {{"id", IdToString(t.id)},
          {"name", t.name},
          {"created_at", FormatRfc3339(t.created_at)},
          {"last_used_at", OptTime(t.last_used_at)}};
}

}  // namespace agora::identity::json
