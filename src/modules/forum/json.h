// Topics as clients see them.
#pragma once

#include <boost/json/object.hpp>

#include "modules/forum/model.h"

namespace agora::forum::json {

// {"id", "kind": "topic", "community_id", "author", "title", "body", "body_html", "question",
//  "sticky", "locked", "answer_id", "reply_count", "created_at", "edited_at", "following",
//  "can_edit", "can_moderate"}
boost::json::object TopicJson(const TopicView& v, Id viewer);

}  // namespace agora::forum::json
