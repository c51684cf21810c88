#include "modules/forum/json.h"

#include "core/clock.h"
#include "modules/people/json.h"

namespace agora::forum::json {

boost::json::object TopicJson(const TopicView& v, Id viewer) {
  const auto& t = v.topic;
  return {{"id", IdToString(t.head.id)},
          {"kind", "topic"},
          {"community_id", IdToString(t.community_id)},
          {"author", people::json::CardJson(v.author)},
          {"title", t.title},
          {"body", t.body},
          {"body_html", t.body_html},
          {"language", t.head.language.empty() ? boost::json::value(nullptr) : boost::json::value(t.head.language)},
          {"question", t.question},
          {"sticky", t.sticky},
          {"locked", t.locked},
          {"answer_id", t.answer_id ? boost::json::value(IdToString(*t.answer_id)) : boost::json::value(nullptr)},
          {"reply_count", t.head.comment_count},
          {"created_at", FormatRfc3339(t.head.created_at)},
          {"edited_at", t.head.edited_at ? boost::json::value(FormatRfc3339(*t.head.edited_at)) : boost::json::value(nullptr)},
          {"following", v.following},
          {"can_edit", viewer == t.head.author_id},
          {"can_moderate", v.can_moderate}};
}

}  // namespace agora::forum::json
