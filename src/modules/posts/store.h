// SQL for posts' own table (the content row is content/store.h).
#pragma once

#include <optional>
#include <string>

#include "modules/posts/model.h"
#include "store/database.h"

namespace agora::posts::store {

using agora::store::Connection;

void Insert(Connection& c, Id id, const std::string& body, const std::string& html, std::optional<Id> share_of);
void UpdateBody(Connection& c, Id id, const std::string& body, const std::string& html);
// The post with its content row; nullopt when there is no such post.
std::optional<Post> Load(Connection& c, Id id);
// The handle and name of the community with this id (a post's container).
std::optional<CommunityRef> CommunityOf(Connection& c, Id id);

}  // namespace agora::posts::store
