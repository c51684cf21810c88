// Who sees a blog (the blog itself, not its entries, whose content rows answer for
// themselves): the service, the directory and search ask the same question here.
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"
#include "modules/blogs/model.h"
#include "store/database.h"

namespace agora::blogs {

// Its writers, and whoever its audience lets read its entries.
bool Sees(agora::store::Connection& c, const content::Viewer& viewer, const Blog& b, const std::optional<Role>& mine);
// The blog `key` names (a handle or an id) with the viewer's role, when they may see it;
// 404 otherwise, whether it exists or not.
Result<BlogView> FindVisible(agora::store::Connection& c, const content::Viewer& viewer, std::string_view key);

}  // namespace agora::blogs
