// Communities: creating and changing them, the directory, and membership (join or ask,
// invite, approve, roles, leave, remove, ban). Every membership change and moderation action
// is written to the audit log in the same transaction. No HTTP types. Thread-safe.
//
// Who may see a community: its members (also invited and pending people), and for listed
// ones the organization's members (alumni: listed alumni communities). A secret community,
// its members and its content answer 404 to everyone else, exactly like one that does not
// exist.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/communities/model.h"
#include "modules/content/model.h"
#include "modules/identity/model.h"
#include "store/database.h"

namespace agora::communities {

struct NewCommunity {
  std::string name, handle, description;
  Type type = Type::kOpen;
  bool listed = true;
  bool allow_guests = false;
  bool alumni = false;
  std::vector<std::string> tags;
};

struct CommunityChange {
  std::optional<std::string> name, handle, description;
  std::optional<Type> type;
  std::optional<bool> listed, allow_guests, alumni;
  std::optional<std::vector<std::string>> tags;
};

// A community as one viewer sees it: with their own membership, if any.
struct CommunityView {
  Community community;
  std::optional<Membership> mine;
};

struct DirectoryPage {
  std::vector<CommunityView> items;
  std::optional<std::string> next_cursor;
};

// A community's overview: what happened lately. Counts of content only for its members
// (they are about content the others may not read).
struct Activity {
  std::optional<std::int64_t> posts_30d, topics_30d;
  std::vector<Membership> new_members;  // the newest 10
};

struct MemberPage {
  std::vector<Membership> items;
  std::optional<std::string> next_cursor;
};

class CommunityService {
 public:
  // `bus` (optional) hears of notifications (invitations, requests, approvals) and of
  // membership changes after each commit.
  CommunityService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, bus::Bus* bus = nullptr)
      : db_(db), ids_(ids), clock_(clock), bus_(bus) {}

  // Called after each commit that changes whether `person` is an active member of a
  // community (the home feed keeps that in memory; streams re-check on their own).

  Result<CommunityView> Create(const identity::Principal& who, const NewCommunity& in);
  // By id or handle; 404 when the viewer may not see it.
  Result<CommunityView> Get(const content::Viewer& viewer, std::string_view id_or_handle);
  // Owners change everything; moderators the description and tags.
  Result<CommunityView> Update(const identity::Principal& who, std::string_view id_or_handle, const CommunityChange& change);
  Result<DirectoryPage> Directory(const content::Viewer& viewer, const std::string& q, bool mine, std::string_view cursor,
                                  int limit);

  // The communities a person belongs to, as far as the viewer may see them and the person's
  // profile (404 when the viewer may not see the person).
  // Up to `limit` communities to join (store::Suggestions); none for guests and alumni.
  std::vector<CommunityView> Suggestions(const content::Viewer& viewer, int limit);
  Result<DirectoryPage> MemberOf(const identity::Principal& viewer, Id person, std::string_view cursor, int limit);

  // Open: joins. Moderated: asks (pending). Restricted: accepts an invitation (403 without one).
  Result<CommunityView> Join(const identity::Principal& who, std::string_view id_or_handle);
  // Leaves, withdraws a request or declines an invitation; the last owner cannot (409).
  Status Leave(const identity::Principal& who, std::string_view id_or_handle);
  // Owners and moderators invite a person (members by id; guests only where guests are
  // allowed, alumni only into alumni communities).
  Result<Membership> Invite(const identity::Principal& who, std::string_view id_or_handle, Id person);
  // Active members for anyone who may see the community; pending, invited and banned lists
  // for its owners and moderators.
  // `q`: a few letters of any part of the names, in any spelling (as the directory).
  Result<MemberPage> Members(const content::Viewer& viewer, std::string_view id_or_handle, State state,
                             std::string_view cursor, int limit, std::string_view q = "");
  // Approves a request (`state` active), or sets a role (owners only; the last owner stays).
  Result<Membership> ChangeMember(const identity::Principal& who, std::string_view id_or_handle, Id person,
                                  std::optional<Role> role, std::optional<State> state);
  // Removes a member, refuses a request, withdraws an invitation; `ban` keeps them out.
  Status RemoveMember(const identity::Principal& who, std::string_view id_or_handle, Id person, bool ban);
  Result<Activity> ActivityOf(const content::Viewer& viewer, std::string_view id_or_handle);

  // Owners and moderators pin a post of the community to the top of its stream (at most
  // kMaxPins), or unpin it.
  Status SetPinned(const identity::Principal& who, std::string_view id_or_handle, Id post, bool pinned);
  // The pinned posts' ids, for a viewer who may see the community (the caller renders them
  // under the audience rule).
  Result<std::vector<Id>> Pins(const content::Viewer& viewer, std::string_view id_or_handle);
  static constexpr size_t kMaxPins = 5;

  // Mutes or unmutes the community in one's home feed.
  Result<Membership> SetMuted(const identity::Principal& who, std::string_view id_or_handle, bool muted);

  // --- Provisioning (SCIM groups, modules/scim/groups.h): a community whose members follow
  //     a group of the organization's identity provider. No person acts; `by` names the
  //     provider in the audit log. Its owner is `owner` (the admin who made the SCIM token),
  //     so that a person can moderate it. By invitation (people cannot join or be added by
  //     hand around the group) and listed. Owners and moderators are not the group's to
  //     remove. ---
  Result<Community> CreateProvisioned(Id owner, std::string_view name, const std::string& by);
  Status RenameProvisioned(Id community, std::string_view name, const std::string& by);
  // Adds (as active members) and removes people; unknown or deactivated people are skipped.
  Status SetProvisionedMembers(Id community, const std::vector<Id>& add, const std::vector<Id>& remove, const std::string& by);
  // The community's active members, in id order.
  std::vector<Id> ActiveMembers(Id community);

  static constexpr size_t kMaxName = 100;
  static constexpr size_t kMaxDescription = 10'000;
  static constexpr size_t kMaxTags = 20;

 private:
  // A person's memberships or mutes changed (their home feed): kSubscriptionsChanged.
  void Changed(Id person) {
    if (bus_) bus_->Publish({.kind = bus::Event::Kind::kSubscriptionsChanged, .actor = person});
  }
  // Tells the bus whose notifications changed (live counts).
  void Notified(Id actor, std::vector<Id> people);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  bus::Bus* bus_;
};

}  // namespace agora::communities
