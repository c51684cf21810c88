// SQL for comments.
#pragma once

#include <optional>
#include <vector>

#include "modules/comments/model.h"
#include "store/database.h"

namespace agora::comments::store {

using agora::store::Connection;

void Insert(Connection& c, const Comment& comment);
std::optional<Comment> Load(Connection& c, Id id);
void UpdateBody(Connection& c, Id id, const std::string& body, const std::string& html, std::int64_t at);
// The comment's id and its replies' ids.
std::vector<Id> Thread(Connection& c, Id id);
// How many of the comment and its replies are shown to all (not held).
std::int64_t ShownInThread(Connection& c, Id id);
// Approves a held comment.
void Approve(Connection& c, Id id);
// Deletes the comment and (by cascade) its replies.
void Delete(Connection& c, Id id);
// A content's comments in id order (oldest first) after `after_id`: those shown to all, and
// held ones by `author_id` (0: none) or, when `with_held`, all held ones.
std::vector<Comment> Page(Connection& c, Id content_id, Id after_id, int limit, Id author_id, bool with_held);
// Its newest comments shown to all, newest first (a comments feed).
std::vector<Comment> Newest(Connection& c, Id content_id, int limit);

}  // namespace agora::comments::store
