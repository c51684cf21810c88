// The only code that runs people's SQL (profiles, expertise, follows, reporting line).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/people/model.h"
#include "modules/people/policy.h"
#include "store/database.h"

namespace agora::people::store {

using agora::store::Connection;

std::optional<Profile> LoadProfile(Connection& c, Id user_id);
std::optional<Id> FindIdByHandle(Connection& c, const std::string& handle);
std::optional<Card> LoadCard(Connection& c, Id user_id);
// Writes every profile column (insert or update) and replaces the expertise tags.
void SaveProfile(Connection& c, const Profile& p, std::int64_t now);
std::optional<Id> ManagerOf(Connection& c, Id user_id);

// True when the follow is new / existed.
bool Follow(Connection& c, Id follower, Id followee, std::int64_t now);
bool Unfollow(Connection& c, Id follower, Id followee);
bool IsFollowing(Connection& c, Id follower, Id followee);
// Pages in id order after `after_id`, filtered by `f`.
std::vector<Card> Followers(Connection& c, Id user_id, Id after_id, int limit, ListFilter f);
std::vector<Card> Following(Connection& c, Id user_id, Id after_id, int limit, ListFilter f);
std::vector<Card> Reports(Connection& c, Id manager_id, ListFilter f);

}  // namespace agora::people::store
