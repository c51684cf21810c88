#include "modules/people/policy.h"

#include "core/text.h"
#include "modules/identity/store.h"
#include "modules/people/store.h"

namespace agora::people {

using identity::Role;

bool CanBrowse(const identity::Principal& viewer) {
  return viewer.user.role == Role::kMember || viewer.user.role == Role::kAdmin;
}

bool CanSeeProfile(const identity::Principal& viewer, const identity::User& subject) {
  if (viewer.user.id == subject.id) return true;
  if (viewer.is_admin()) return true;
  if (!subject.active) return false;
  if (!CanBrowse(viewer)) return false;
  return subject.role != Role::kGuest;
}

bool SeesProfile(agora::store::Connection& c, const identity::Principal& viewer, const identity::User& subject) {
  if (CanSeeProfile(viewer, subject)) return true;
  return subject.active && store::SharesCommunity(c, viewer.user.id, subject.id);
}

bool CanSeeField(const identity::Principal& viewer, const identity::User& subject, Visibility v) {
  if (viewer.user.id == subject.id || viewer.is_admin()) return true;
  return v == Visibility::kMembers && CanSeeProfile(viewer, subject);
}

ListFilter VisibleTo(const identity::Principal& viewer) {
  return {viewer.is_admin(), viewer.is_admin()};
}

Result<Id> FindVisiblePerson(agora::store::Connection& c, const identity::Principal& viewer, std::string_view key) {
  std::optional<Id> id = ParseId(key);
  if (!id) id = store::FindIdByHandle(c, text::AsciiLower(key));
  auto subject = id ? identity::store::FindUserById(c, *id) : std::nullopt;
  if (!subject || !SeesProfile(c, viewer, subject->user)) return Error::NotFound("no such person");
  return *id;
}

}  // namespace agora::people
