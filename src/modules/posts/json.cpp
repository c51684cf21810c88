#include "modules/posts/json.h"

#include <boost/json/array.hpp>

#include "core/clock.h"
#include "modules/images/json.h"
#include "modules/people/json.h"

namespace agora::posts::json {
namespace {
boost::json::value OptTime(const std::optional<std::int64_t>& t) {
  return t ? boost::json::value(FormatRfc3339(*t)) : boost::json::value(nullptr);
}
}  // namespace

boost::json::object ReactionsJson(const reactions::Summary& s) {
  boost::json::object counts;
  for (const auto& [kind, n] : s.counts) counts[kind] = n;
  return {{"counts", std::move(counts)},
          {"total", s.total},
          {"mine", s.mine ? boost::json::value(*s.mine) : boost::json::value(nullptr)}};
}

boost::json::object PostJson(const PostView& v, const content::Viewer& viewer) {
  const auto& p = v.post;
  boost::json::array tags;
  for (const auto& t : v.tags) tags.push_back(boost::json::string(t));
  boost::json::array images;
  for (const auto& i : v.images) images.push_back(images::json::ImageJson(i));
  boost::json::object o{{"id", IdToString(p.head.id)},
                        {"kind", "post"},
                        {"author", people::json::CardJson(v.author)},
                        {"body", p.body},
                        {"body_html", p.body_html},
                        {"audience", content::AudienceName(p.head.audience)},
                        {"language", p.head.language.empty() ? boost::json::value(nullptr) : boost::json::value(p.head.language)},
                        {"community", v.community ? boost::json::value{{"id", IdToString(v.community->id)},
                                                                        {"handle", v.community->handle},
                                                                        {"name", v.community->name}}
                                                  : boost::json::value(nullptr)},
                        {"created_at", FormatRfc3339(p.head.created_at)},
                        {"edited_at", OptTime(p.head.edited_at)},
                        {"tags", std::move(tags)},
                        {"images", std::move(images)},
                        {"comment_count", p.head.comment_count},
                        {"reaction_count", p.head.reaction_count},
                        {"share_count", p.head.share_count},
                        {"reactions", ReactionsJson(v.reactions)},
                        {"share_of", p.share_of ? boost::json::value(IdToString(*p.share_of)) : boost::json::value(nullptr)},
                        {"shared", v.shared ? boost::json::value(PostJson(*v.shared, viewer)) : boost::json::value(nullptr)},
                        {"shared_unavailable", v.shared_unavailable},
                        {"can_edit", viewer.id == p.head.author_id},
                        {"can_delete", viewer.id == p.head.author_id || viewer.role == identity::Role::kAdmin}};
  if (viewer.id == p.head.author_id && p.head.audience == content::Audience::kRestricted) {
    boost::json::array people, readers;
    for (const auto& card : v.readers) {
      people.push_back(boost::json::string(IdToString(card.id)));
      readers.push_back(people::json::CardJson(card));
    }
    o["people"] = std::move(people);    // ids, as the post was written with them
    o["readers"] = std::move(readers);  // their cards, for "who can see this"
  }
  return o;
}

boost::json::object CommentJson(const comments::CommentView& v, const content::Viewer& viewer) {
  const auto& m = v.comment;
  return {{"id", IdToString(m.id)},
          {"content_id", IdToString(m.content_id)},
          {"reply_to", m.reply_to ? boost::json::value(IdToString(*m.reply_to)) : boost::json::value(nullptr)},
          {"author", people::json::CardJson(v.author)},
          {"body", m.body},
          {"body_html", m.body_html},
          {"created_at", FormatRfc3339(m.created_at)},
          {"edited_at", OptTime(m.edited_at)},
          {"reactions", ReactionsJson(v.reactions)},
          {"can_edit", viewer.id == m.author_id},
          // The content's author may delete it too; the server decides (403 otherwise). A held
          // comment is read by its author and its moderators only, so another reader moderates.
          {"can_delete", viewer.id == m.author_id || viewer.role == identity::Role::kAdmin || (m.held && viewer.id != m.author_id)},
          {"held", m.held},
          {"can_approve", m.held && viewer.id != m.author_id}};
}

}  // namespace agora::posts::json
