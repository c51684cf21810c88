#include "modules/blogs/comment_moderation.h"

#include "modules/blogs/store.h"
#include "modules/blogs/visibility.h"
#include "modules/comments/service.h"
#include "modules/comments/store.h"

namespace agora::blogs {
namespace {

using agora::store::Connection;

bool Moderates(const std::optional<Role>& role) { return role == Role::kOwner || role == Role::kEditor; }

}  // namespace

comments::ModerationRule CommentModeration() {
  comments::ModerationRule rule;
  rule.admit = [](Connection& c, const content::ContentHead& head, Id commenter) {
    auto blog_id = store::BlogOfEntry(c, head.id);
    auto blog = blog_id ? store::LoadBlog(c, *blog_id) : std::nullopt;
    if (!blog) return comments::Admission::kOpen;
    if (blog->comment_policy == CommentPolicy::kClosed) return comments::Admission::kClosed;  // for everyone
    if (store::RoleOf(c, blog->id, commenter)) return comments::Admission::kOpen;
    switch (blog->comment_policy) {
      case CommentPolicy::kOpen: return comments::Admission::kOpen;
      case CommentPolicy::kHoldFirst:
        return store::TrustsCommenter(c, blog->id, commenter) ? comments::Admission::kOpen : comments::Admission::kHeld;
      case CommentPolicy::kHoldAll: return comments::Admission::kHeld;
      case CommentPolicy::kClosed: return comments::Admission::kClosed;
    }
    return comments::Admission::kOpen;
  };
  rule.moderates = [](Connection& c, const content::ContentHead& head, Id person) {
    auto blog_id = store::BlogOfEntry(c, head.id);
    return blog_id && Moderates(store::RoleOf(c, *blog_id, person));
  };
  rule.moderators = [](Connection& c, const content::ContentHead& head) {
    auto blog_id = store::BlogOfEntry(c, head.id);
    return blog_id ? store::Editors(c, *blog_id) : std::vector<Id>{};
  };
  rule.approved = [](Connection& c, const content::ContentHead& head, Id commenter) {
    if (auto blog_id = store::BlogOfEntry(c, head.id)) store::TrustCommenter(c, *blog_id, commenter);
  };
  return rule;
}

Result<std::vector<HeldComment>> HeldComments(agora::store::Database& db, const content::Viewer& viewer, std::string_view key) {
  return db.Read([&](Connection& c) -> Result<std::vector<HeldComment>> {
    auto blog = FindVisible(c, viewer, key);
    if (!blog) return blog.error();
    if (!Moderates(blog->mine)) return Error::Forbidden("only a blog's owners and editors see the comments waiting on it");
    std::vector<HeldComment> out;
    for (Id id : store::HeldComments(c, blog->blog.id, 200)) {
      auto m = comments::store::Load(c, id);
      auto entry = m ? store::LoadEntry(c, m->content_id) : std::nullopt;
      if (!entry) continue;
      out.push_back({comments::ViewOf(c, viewer, std::move(*m)), entry->head.id, entry->title});
    }
    return out;
  });
}

}  // namespace agora::blogs
