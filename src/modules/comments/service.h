// Comments on any content the commenter may read (404 otherwise, as if it did not exist):
// list, add (a comment or a reply), edit (the author), delete (the author, the content's
// author, its moderators, or an admin), approve a held one (moderation.h). Notifies the
// content's author, the replied-to comment's author and mentioned people who may read the
// content; a held comment only its moderators, until it is approved.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/comments/model.h"
#include "modules/comments/moderation.h"
#include "modules/content/model.h"
#include "modules/identity/model.h"
#include "store/database.h"

namespace agora::comments {

struct Page {
  std::vector<CommentView> items;
  std::optional<std::string> next_cursor;
};

class CommentService {
 public:
  // `bus` hears of every change after it commits (bus.h); the post cache follows it.
  CommentService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, bus::Bus* bus = nullptr)
      : db_(db), ids_(ids), clock_(clock), bus_(bus) {}

  Result<Page> List(const content::Viewer& viewer, Id content_id, std::string_view cursor, int limit);
  Result<CommentView> Create(const identity::Principal& author, Id content_id, const std::string& body,
                             std::optional<Id> reply_to);
  // One comment as the viewer sees it (404 unless they may read its content).
  Result<CommentView> Get(const content::Viewer& viewer, Id comment_id);
  Result<CommentView> Edit(const identity::Principal& author, Id comment_id, const std::string& body);
  Status Delete(const identity::Principal& who, Id comment_id, const std::string& ip);
  // Shows a held comment to all and tells whom a new comment tells (already shown: as it is).
  Result<CommentView> Approve(const identity::Principal& who, Id comment_id, const std::string& ip);

  // Comments on content of `kind` follow `rule` (set up before serving).
  void Moderate(std::string kind, ModerationRule rule) { rules_[std::move(kind)] = std::move(rule); }
  // The rule for `head`'s kind, or none.
  const ModerationRule* RuleFor(const content::ContentHead& head) const;

  static constexpr size_t kMaxBody = 5000;

 private:
  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  bus::Bus* bus_;
  std::map<std::string, ModerationRule, std::less<>> rules_;
};

// A comment as `viewer` sees it: its author's card, reactions, mentions named.
CommentView ViewOf(agora::store::Connection& c, const content::Viewer& viewer, Comment m);

}  // namespace agora::comments
