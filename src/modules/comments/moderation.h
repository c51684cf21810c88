// Comment moderation: a content kind may hold comments for approval (a blog whose owners
// moderate them, issue 18). The comments module knows only the rule's questions; the kind
// answers them (blogs/comment_moderation.h). Kinds without a rule take every comment at once.
//
// A held comment is read only by its author and by whoever moderates it; it counts in the
// content's comment count, notifies the content's author, repliers and mentioned people, goes
// live to readers and into search only once approved.
#pragma once

#include <functional>
#include <vector>

#include "core/ids.h"
#include "modules/content/model.h"
#include "store/database.h"

namespace agora::comments {

enum class Admission { kOpen, kHeld, kClosed };

struct ModerationRule {
  // What becomes of a comment `commenter` writes on `head`.
  std::function<Admission(agora::store::Connection&, const content::ContentHead& head, Id commenter)> admit;
  // Whether `person` reads, approves and deletes held (and other) comments on `head`.
  std::function<bool(agora::store::Connection&, const content::ContentHead& head, Id person)> moderates;
  // Who hears that a comment waits for them.
  std::function<std::vector<Id>(agora::store::Connection&, const content::ContentHead& head)> moderators;
  // In the approving transaction: `commenter` has had a comment approved on `head`.
  std::function<void(agora::store::Connection&, const content::ContentHead& head, Id commenter)> approved;
};

}  // namespace agora::comments
