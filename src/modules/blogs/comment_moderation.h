// Comments on blog entries follow their blog's comment policy (model.h CommentPolicy): the
// rule the comments module asks (comments/moderation.h), and the queue its owners and
// editors approve from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/comments/model.h"
#include "modules/comments/moderation.h"
#include "modules/content/model.h"
#include "store/database.h"

namespace agora::blogs {

// The blog's owners and editors moderate and hear of held comments; its writers' comments and
// those of people it trusts (hold_first) go up at once.
comments::ModerationRule CommentModeration();

struct HeldComment {
  comments::CommentView comment;
  Id entry_id = 0;
  std::string entry_title;
};

// The comments waiting on a blog's entries, oldest first (at most 200): for its owners and
// editors; 403 for its other readers, 404 for whoever may not see it.
Result<std::vector<HeldComment>> HeldComments(agora::store::Database& db, const content::Viewer& viewer, std::string_view blog);

}  // namespace agora::blogs
