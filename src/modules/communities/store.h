// SQL for communities, their tags and memberships.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/communities/model.h"
#include "modules/content/model.h"
#include "store/database.h"

namespace agora::communities::store {

using agora::store::Connection;

void Insert(Connection& c, const Community& community);
void Update(Connection& c, const Community& community);
std::optional<Community> Load(Connection& c, Id id);
std::optional<Community> LoadByHandle(Connection& c, std::string_view handle);

// Whether the viewer may know that the community exists: its members (also invited and
// pending people, not the banned), and for a listed one the organization's members (alumni:
// listed alumni communities). The C++ twin of kVisibleToViewer below.
bool VisibleTo(const Community& community, const std::optional<Membership>& mine, const content::Viewer& viewer);
struct Found {
  Community community;
  std::optional<Membership> mine;  // the viewer's
};
// The community `key` names (an id or a handle) with the viewer's membership, when the
// viewer may see it; 404 otherwise, exactly as for one that does not exist. Every path to a
// community goes through this.
Result<Found> FindVisible(Connection& c, const content::Viewer& viewer, std::string_view key);
bool HandleTaken(Connection& c, std::string_view handle);
void SetTags(Connection& c, Id community, const std::vector<std::string>& tags);

std::optional<Membership> MembershipOf(Connection& c, Id community, Id person);
// Inserts or replaces the row, keeping member_count (active members) exact.
void PutMembership(Connection& c, const Membership& m);
void DeleteMembership(Connection& c, Id community, Id person);
int ActiveOwners(Connection& c, Id community);
// Its active owners and moderators (who answer requests to join).
std::vector<Id> Managers(Connection& c, Id community);

// Memberships in `state`, by role (owners first) then person id, after `after` (a person id).
std::vector<Membership> Members(Connection& c, Id community, State state, Id after, int limit,
                                const std::string& words = "");
// How many posts and topics the community gained since `since_id` (ids are time-ordered).
std::int64_t ContentSince(Connection& c, Id community, const char* kind, Id since_id);
// Its newest active members, most recent first.
std::vector<Membership> NewestMembers(Connection& c, Id community, int limit);

// Pinned posts, most recently pinned first.
std::vector<Id> Pins(Connection& c, Id community);
bool Pin(Connection& c, Id community, Id content, Id by, std::int64_t now);  // false: pinned already
bool Unpin(Connection& c, Id community, Id content);

// The communities `person` is an active member of (their home feed includes them unless muted).
std::vector<Id> ActiveCommunitiesOf(Connection& c, Id person, bool include_muted);

// `(...)` over a communities row aliased `co`: whether the viewer may know it exists, with
// the viewer bound by BindViewer (?901 id, ?902 reads organization content, ?904 alumnus).
inline constexpr const char* kVisibleToViewer =
    "(EXISTS (SELECT 1 FROM community_members vm WHERE vm.community_id = co.id AND vm.person_id = ?901"
    " AND vm.state IN ('active', 'invited', 'pending'))"
    " OR ((co.type <> 'restricted' OR co.listed = 1) AND (?902 = 1 OR (?904 = 1 AND co.alumni = 1))))";
void BindViewer(agora::store::Query& q, const content::Viewer& viewer);

// Communities the viewer could join and has no part in yet (open or moderated, seen by
// them), most members first: suggestions for a new person.
std::vector<Community> Suggestions(Connection& c, const content::Viewer& viewer, int limit);
// The communities `person` is an active member of that the viewer may see, by name.
std::vector<Community> MemberOf(Connection& c, const content::Viewer& viewer, Id person, const std::string& after_name,
                                Id after_id, int limit);

// The directory page: communities visible to the viewer whose name or handle contains `q`
// or that carry the tag `q` (empty: all), or only the viewer's own (`mine`), by name.
std::vector<Community> Directory(Connection& c, const content::Viewer& viewer, const std::string& q, bool mine,
                                 const std::string& after_name, Id after_id, int limit);

}  // namespace agora::communities::store
