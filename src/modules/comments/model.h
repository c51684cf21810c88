// Comments on any content: a comment, or a reply to a top-level comment (two levels, as in
// the products people know; a reply to a reply joins its thread).
#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "modules/people/model.h"
#include "modules/reactions/model.h"

namespace agora::comments {

struct Comment {
  Id id = 0;
  Id content_id = 0;
  Id author_id = 0;
  std::optional<Id> reply_to;
  std::string body, body_html;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> edited_at;
  bool held = false;  // waiting for a moderator's approval (moderation.h)
};

struct CommentView {
  Comment comment;
  people::Card author;
  reactions::Summary reactions;
};

}  // namespace agora::comments
