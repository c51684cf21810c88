#include "modules/communities/model.h"

#include <array>
#include <utility>

namespace agora::communities {
namespace {

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view s) {
  for (const auto& [value, name] : names)
    if (name == s) return value;
  return std::nullopt;
}
template <typename E, size_t N>
std::string_view Name(const std::array<std::pair<E, std::string_view>, N>& names, E e) {
  for (const auto& [value, name] : names)
    if (value == e) return name;
  return names.front().second;
}

constexpr std::array<std::pair<Type, std::string_view>, 3> kTypes{
    {{Type::kOpen, "open"}, {Type::kModerated, "moderated"}, {Type::kRestricted, "restricted"}}};
constexpr std::array<std::pair<Role, std::string_view>, 3> kRoles{
    {{Role::kOwner, "owner"}, {Role::kModerator, "moderator"}, {Role::kMember, "member"}}};
constexpr std::array<std::pair<State, std::string_view>, 4> kStates{
    {{State::kActive, "active"}, {State::kPending, "pending"}, {State::kInvited, "invited"}, {State::kBanned, "banned"}}};

}  // namespace

std::string_view TypeName(Type t) { return Name(kTypes, t); }
std::optional<Type> ParseType(std::string_view s) { return Parse(kTypes, s); }
std::string_view RoleName(Role r) { return Name(kRoles, r); }
std::optional<Role> ParseRole(std::string_view s) { return Parse(kRoles, s); }
std::string_view StateName(State s) { return Name(kStates, s); }
std::optional<State> ParseState(std::string_view s) { return Parse(kStates, s); }

}  // namespace agora::communities
