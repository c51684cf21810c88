#include "modules/wiki/model.h"

namespace agora::wiki {

std::string_view SpaceKindName(SpaceKind k) {
  switch (k) {
    case SpaceKind::kOrganization: return "organization";
    case SpaceKind::kCommunity: return "community";
    case SpaceKind::kPeople: return "people";
  }
  return "organization";
}
std::optional<SpaceKind> ParseSpaceKind(std::string_view s) {
  if (s == "organization") return SpaceKind::kOrganization;
  if (s == "community") return SpaceKind::kCommunity;
  if (s == "people") return SpaceKind::kPeople;
  return std::nullopt;
}

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kOwner: return "owner";
    case Role::kEditor: return "editor";
    case Role::kReader: return "reader";
  }
  return "reader";
}
std::optional<Role> ParseRole(std::string_view s) {
  if (s == "owner") return Role::kOwner;
  if (s == "editor") return Role::kEditor;
  if (s == "reader") return Role::kReader;
  return std::nullopt;
}

}  // namespace agora::wiki
