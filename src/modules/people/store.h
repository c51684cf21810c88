// The only code that runs people's SQL (profiles, expertise, follows, reporting line).
#pragma once

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "modules/people/model.h"
#include "modules/people/policy.h"
#include "store/database.h"

namespace agora::people::store {

using agora::store::Connection;

// What the profile cache keeps of a person, in one statement: the profile, each expertise
// tag's endorsement count (most endorsed first) and the manager's card and account.
struct ProfileParts {
  Profile profile;
  std::vector<std::pair<std::string, std::int64_t>> endorsement_counts;
  std::optional<std::pair<Card, identity::User>> manager;
};
// kSkipped leaves the profile's follower counts 0 (counting walks every follower).
enum class FollowCounts { kCounted, kSkipped };
std::optional<ProfileParts> LoadProfileParts(Connection& c, Id user_id, FollowCounts counts = FollowCounts::kCounted);
std::optional<Profile> LoadProfile(Connection& c, Id user_id);
std::optional<Id> FindIdByHandle(Connection& c, const std::string& handle);
// The person an old handle belonged to, if any.
std::optional<Id> FindIdByOldHandle(Connection& c, const std::string& handle);
// Changes users.handle and keeps the old one in handle_history.
void ChangeHandle(Connection& c, Id user_id, const std::string& old_handle, const std::string& new_handle, std::int64_t now);
std::optional<Card> LoadCard(Connection& c, Id user_id);
// The card of whoever has `handle` now, or had it before (handles can change); nullopt if no one.
std::optional<Card> CardByHandle(Connection& c, const std::string& handle);
// LoadCard, or a card with only the id (an author whose account is gone).
Card CardOf(Connection& c, Id user_id);
// Whether the two are active members of a same community.
bool SharesCommunity(Connection& c, Id a, Id b);
// Writes every profile column (insert or update) and replaces the expertise tags.
void SaveProfile(Connection& c, const Profile& p, std::int64_t now);
std::optional<Id> ManagerOf(Connection& c, Id user_id);
// Sets only the manager (creating the profile row if needed).
void SetManager(Connection& c, Id user_id, std::optional<Id> manager, std::int64_t now);

// A person's account and their profile row's version in one statement, by id or handle.
struct Subject {
  identity::User account;
  std::int64_t profile_version = 0;
};
std::optional<Subject> LoadSubject(Connection& c, std::optional<Id> id, std::string_view handle);
// The same, and whether `viewer` follows them (a profile read).
struct ViewedSubject {
  Subject subject;
  bool followed_by_viewer = false;
  std::vector<std::string> endorsed_by_viewer;  // the person's expertise tags the viewer endorsed
};
std::optional<ViewedSubject> LoadViewedSubject(Connection& c, std::optional<Id> id, std::string_view handle, Id viewer);
// The photo key of a person ('' when none); setting it creates the profile row if needed.
std::string PhotoKey(Connection& c, Id user_id);
void SetPhotoKey(Connection& c, Id user_id, const std::string& key, std::int64_t now);
bool PhotoInUse(Connection& c, const std::string& key);

// True when the follow is new / existed.
bool Follow(Connection& c, Id follower, Id followee, std::int64_t now);
bool Unfollow(Connection& c, Id follower, Id followee);
// Pages in id order after `after_id`, filtered by `f`.
std::vector<Card> Followers(Connection& c, Id user_id, Id after_id, int limit, ListFilter f);
std::vector<Card> Following(Connection& c, Id user_id, Id after_id, int limit, ListFilter f);
std::vector<Card> Reports(Connection& c, Id manager_id, ListFilter f);
// People a person might follow, each with why: their manager ("manager"), people with the
// same manager ("team"), their reports ("report"), the same department ("department") and
// office ("office"); active members they do not follow yet, at most `limit`.
struct Suggestion {
  Card card;
  std::string reason;
};
std::vector<Suggestion> Suggestions(Connection& c, Id me, int limit);
// Departments of active members with how many people each, most people first.
std::vector<std::pair<std::string, std::int64_t>> Departments(Connection& c, int limit);

struct DirectoryQuery {
  std::string match;       // FTS5 expression for name prefixes; empty: everyone
  std::string department;  // exact; empty: any
  std::string country;     // exact; empty: any
  std::string words;           // the same words as typed, for the name-index walk
  std::string order = "root";  // name sort order (core/collation.h)
  std::string after_name;  // keyset position (name order)
  Id after_id = 0;
  int limit = 20;
  // Name searches with at most this many full-text matches start from them; more walk the
  // name index (-1: the measured default). Tests set it to compare the two plans.
  std::int64_t few_matches = -1;
};
// By name in `q.order`, then id.
std::vector<Card> Directory(Connection& c, const DirectoryQuery& q, ListFilter f);

// People with an expertise tag, most endorsed first, with the other filters of `d`.
// `after_count` and d.after_id continue a page (after_count < 0: from the top). Each card
// comes with its endorsement count.
std::vector<std::pair<Card, std::int64_t>> Experts(Connection& c, const std::string& tag, const DirectoryQuery& d,
                                                   std::int64_t after_count, ListFilter f);

bool HasExpertise(Connection& c, Id user_id, const std::string& tag);
bool Endorse(Connection& c, Id user_id, const std::string& tag, Id endorser, std::int64_t now);
bool Unendorse(Connection& c, Id user_id, const std::string& tag, Id endorser);
// tag -> (count, endorsed by `viewer`)
std::vector<std::tuple<std::string, std::int64_t, bool>> EndorsementsOf(Connection& c, Id user_id, Id viewer);

// Active members (role member) as (id, e-mail key): the candidates for "missing from the
// staff list, so now an alumnus".
std::vector<std::pair<Id, std::string>> ActiveMemberKeys(Connection& c);

}  // namespace agora::people::store
