// SQL for topics and content follows.
#pragma once

#include <optional>
#include <vector>

#include "modules/forum/model.h"
#include "store/database.h"

namespace agora::forum::store {

using agora::store::Connection;

void Insert(Connection& c, const Topic& t);
void Update(Connection& c, const Topic& t);
std::optional<Topic> Load(Connection& c, Id id);
// The community's topics readable by the viewer: sticky first, then newest, after the
// keyset (`after_sticky`, `after_id`); start with after_sticky = 2.
std::vector<Topic> OfCommunity(Connection& c, const content::Viewer& viewer, Id community, int after_sticky, Id after_id,
                               int limit);

void Follow(Connection& c, Id content_id, Id person);
void Unfollow(Connection& c, Id content_id, Id person);
bool Follows(Connection& c, Id content_id, Id person);

}  // namespace agora::forum::store
