#include "modules/blogs/visibility.h"

#include "core/text.h"
#include "modules/blogs/store.h"
#include "modules/content/audience.h"

namespace agora::blogs {

using agora::store::Connection;

bool Sees(Connection& c, const content::Viewer& viewer, const Blog& b, const std::optional<Role>& mine) {
  if (mine) return true;
  switch (b.audience) {
    case content::Audience::kPublic: return true;
    case content::Audience::kOrganization: return viewer.in_organization();
    case content::Audience::kCommunity: return b.community_id && content::ReadsCommunity(c, viewer, *b.community_id);
    default: return false;
  }
}

Result<BlogView> FindVisible(Connection& c, const content::Viewer& viewer, std::string_view key) {
  std::optional<Blog> b = store::LoadBlogByHandle(c, text::AsciiLower(key));
  if (!b)
    if (auto id = ParseId(key)) b = store::LoadBlog(c, *id);
  if (!b) return Error::NotFound("no such blog");
  BlogView v{*b, viewer.signed_in() ? store::RoleOf(c, b->id, viewer.id) : std::nullopt};
  if (!Sees(c, viewer, v.blog, v.mine)) return Error::NotFound("no such blog");
  v.following = viewer.signed_in() && store::Follows(c, b->id, viewer.id);
  return v;
}

}  // namespace agora::blogs
