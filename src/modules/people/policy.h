// Who may see whose profile, and which of its fields. One place, called by every read path
// of this module (profile, lists, followers, org chart).
//
// - members and admins see every active member, admin and alumnus profile (alumni marked);
// - a guest's profile is seen by the guest, admins, and people who share a community with them;
// - guests and alumni see their own profile and those of people they share a community with
//   (they lose internal content);
// - a deactivated person is seen by admins only (and disappears from lists).
// Sharing a community takes a query (store::SharesCommunity): CanSeeProfile is the rule
// without it, SeesProfile the whole rule.
#pragma once

#include <string_view>

#include "core/result.h"
#include "modules/identity/model.h"
#include "modules/people/model.h"
#include "store/database.h"

namespace agora::people {

bool CanSeeProfile(const identity::Principal& viewer, const identity::User& subject);
// The whole rule: CanSeeProfile, or an active subject in a community with the viewer.
bool SeesProfile(agora::store::Connection& c, const identity::Principal& viewer, const identity::User& subject);
// The person `key` names (a handle or an id) when `viewer` may see their profile; 404
// otherwise, whether they exist or not (a role given, an author's archive, a page's owner).
Result<Id> FindVisiblePerson(agora::store::Connection& c, const identity::Principal& viewer, std::string_view key);
// Whether the viewer sees a contact field with this visibility (the person and admins
// always do).
bool CanSeeField(const identity::Principal& viewer, const identity::User& subject, Visibility v);
// Whether the viewer may use the directory and relationship lists at all.
bool CanBrowse(const identity::Principal& viewer);

// The same rule for lists, as the store applies it in SQL.
struct ListFilter {
  bool include_inactive = false;
  bool include_guests = false;
};
ListFilter VisibleTo(const identity::Principal& viewer);

}  // namespace agora::people
