#include "modules/blogs/json.h"

#include <boost/json/array.hpp>

#include "core/clock.h"
#include "modules/blogs/paths.h"
#include "modules/blogs/service.h"
#include "modules/images/json.h"
#include "modules/people/json.h"

namespace agora::blogs::json {
namespace {

boost::json::value OptionalTime(const std::optional<std::int64_t>& at) {
  return at ? boost::json::value(FormatRfc3339(*at)) : boost::json::value(nullptr);
}

boost::json::array Cards(const std::vector<people::Card>& cards) {
  boost::json::array out;
  for (const auto& card : cards) out.push_back(people::json::CardJson(card));
  return out;
}

}  // namespace

boost::json::object BlogJson(const BlogView& v) {
  const Blog& b = v.blog;
  return {{"id", IdToString(b.id)},
          {"handle", b.handle},
          {"name", b.name},
          {"description", b.description},
          {"personal", b.personal_of.has_value()},
          {"owner_id", b.personal_of ? boost::json::value(IdToString(*b.personal_of)) : boost::json::value(nullptr)},
          {"community_id", b.community_id ? boost::json::value(IdToString(*b.community_id)) : boost::json::value(nullptr)},
          {"audience", content::AudienceName(b.audience)},
          {"entry_count", b.entry_count},
          {"follower_count", b.follower_count},
          {"following", v.following},
          {"created_at", FormatRfc3339(b.created_at)},
          {"updated_at", FormatRfc3339(b.updated_at)},
          {"comment_policy", CommentPolicyName(b.comment_policy)},
          {"my_role", v.mine ? boost::json::value(RoleName(*v.mine)) : boost::json::value(nullptr)}};
}

boost::json::object EntryJson(const EntryView& v) {
  const Entry& e = v.entry;
  return {{"id", IdToString(e.head.id)},
          {"kind", "blog_entry"},
          {"blog", {{"id", IdToString(v.blog.id)}, {"handle", v.blog.handle}, {"name", v.blog.name},
                    {"comment_policy", CommentPolicyName(v.blog.comment_policy)}}},
          {"author", people::json::CardJson(v.author)},
          {"coauthors", Cards(v.coauthors)},
          {"title", e.title},
          {"slug", e.slug},
          {"version", e.version},
          {"excerpt", e.excerpt},
          {"body", e.body},
          {"body_html", e.body_html},
          {"language", e.head.language.empty() ? boost::json::value(nullptr) : boost::json::value(e.head.language)},
          {"state", e.state == EntryState::kPublished ? "published" : e.scheduled_at ? "scheduled" : "draft"},
          {"scheduled_at", OptionalTime(e.scheduled_at)},
          {"audience", content::AudienceName(e.head.audience)},
          {"published_at", OptionalTime(e.published_at)},
          {"public_path", EntryPath(v.blog, e) == AppPath(v.blog, e) ? boost::json::value(nullptr) : boost::json::value(PublicPath(v.blog, e))},
          {"comment_count", e.head.comment_count},
          {"recommend_count", e.recommend_count},
          {"recommended", v.recommended},
          {"view_count", e.view_count},
          {"reader_count", e.reader_count},
          {"reaction_count", e.head.reaction_count},
          {"created_at", FormatRfc3339(e.head.created_at)},
          {"edited_at", OptionalTime(e.head.edited_at)},
          {"can_edit", v.can_edit},
          {"can_publish", v.can_publish},
          {"cover", v.cover ? boost::json::value(images::json::ImageJson(*v.cover)) : boost::json::value(nullptr)}};
}

boost::json::object WriterJson(const Writer& w) {
  return {{"person", people::json::CardJson(w.person)}, {"role", RoleName(w.role)}};
}

}  // namespace agora::blogs::json
