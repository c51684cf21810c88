// Communities (DESIGN.md "Communities"): a container with members, roles and a stream, the
// `community` audience of the content model.
//
//   open        anyone in the organization joins
//   moderated   anyone asks; an owner or moderator approves
//   restricted  by invitation; listed in the directory, or secret (non-members cannot learn
//               that it exists: every path answers 404)
//
// Guests belong only to communities that allow guests; alumni only to alumni communities.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"

namespace agora::communities {

enum class Type { kOpen, kModerated, kRestricted };
std::string_view TypeName(Type t);
std::optional<Type> ParseType(std::string_view s);

enum class Role { kOwner, kModerator, kMember };
std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view s);

// active: a member; pending: asked to join a moderated community; invited: asked by a
// moderator, not yet accepted; banned: removed and may not come back.
enum class State { kActive, kPending, kInvited, kBanned };
std::string_view StateName(State s);
std::optional<State> ParseState(std::string_view s);

struct Community {
  Id id = 0;
  std::string handle, name, description, description_html;
  Type type = Type::kOpen;
  bool listed = true;  // false only for restricted: secret
  bool allow_guests = false;
  bool alumni = false;  // an alumni community: admits alumni
  std::vector<std::string> tags;
  std::int64_t member_count = 0;
  std::string avatar_key, banner_key;  // '' when none (communities/pictures.h)
  Id created_by = 0;
  std::int64_t created_at = 0, updated_at = 0;
  bool secret() const { return type == Type::kRestricted && !listed; }
};

struct Membership {
  Id community_id = 0;
  Id person_id = 0;
  Role role = Role::kMember;
  State state = State::kActive;
  bool muted = false;  // their home feed leaves the community's posts out
  std::optional<Id> invited_by;
  std::int64_t created_at = 0, updated_at = 0;
  bool active() const { return state == State::kActive; }
  bool manages() const { return active() && (role == Role::kOwner || role == Role::kModerator); }
};

}  // namespace agora::communities
