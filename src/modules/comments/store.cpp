#include "modules/comments/store.h"

namespace agora::comments::store {
namespace {
constexpr const char* kInsert =
    "INSERT INTO comments (id, content_id, author_id, reply_to, body, body_html, created_at, held)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr const char* kLoad =
    "SELECT id, content_id, author_id, reply_to, body, body_html, created_at, edited_at, held FROM comments WHERE id = ?1";
constexpr const char* kUpdate = "UPDATE comments SET body = ?2, body_html = ?3, edited_at = ?4 WHERE id = ?1";
constexpr const char* kReplies = "SELECT id FROM comments WHERE reply_to = ?1";
constexpr const char* kShownInThread = "SELECT count(*) FROM comments WHERE (id = ?1 OR reply_to = ?1) AND held = 0";
constexpr const char* kApprove = "UPDATE comments SET held = 0 WHERE id = ?1";
constexpr const char* kDelete = "DELETE FROM comments WHERE id = ?1";
constexpr const char* kPage =
    "SELECT id, content_id, author_id, reply_to, body, body_html, created_at, edited_at, held FROM comments"
    " WHERE content_id = ?1 AND id > ?2 AND (held = 0 OR author_id = ?4 OR ?5 = 1) ORDER BY id LIMIT ?3";

constexpr const char* kNewest =
    "SELECT id, content_id, author_id, reply_to, body, body_html, created_at, edited_at, held FROM comments"
    " WHERE content_id = ?1 AND held = 0 ORDER BY id DESC LIMIT ?2";

Comment Read(agora::store::Query& q) {
  return {q.Int(0), q.Int(1), q.Int(2), q.OptInt(3), q.Text(4), q.Text(5), q.Int(6), q.OptInt(7), q.Int(8) != 0};
}
}  // namespace

void Insert(Connection& c, const Comment& m) {
  c.Prepare(kInsert, m.id, m.content_id, m.author_id, m.reply_to, m.body, m.body_html, m.created_at, m.held ? 1 : 0).Run();
}

std::optional<Comment> Load(Connection& c, Id id) {
  auto q = c.Prepare(kLoad, id);
  if (!q.Next()) return std::nullopt;
  return Read(q);
}

void UpdateBody(Connection& c, Id id, const std::string& body, const std::string& html, std::int64_t at) {
  c.Prepare(kUpdate, id, body, html, at).Run();
}

std::vector<Id> Thread(Connection& c, Id id) {
  std::vector<Id> ids{id};
  for (auto q = c.Prepare(kReplies, id); q.Next();) ids.push_back(q.Int(0));
  return ids;
}

std::int64_t ShownInThread(Connection& c, Id id) {
  auto q = c.Prepare(kShownInThread, id);
  return q.Next() ? q.Int(0) : 0;
}

void Approve(Connection& c, Id id) { c.Prepare(kApprove, id).Run(); }

void Delete(Connection& c, Id id) { c.Prepare(kDelete, id).Run(); }

std::vector<Comment> Page(Connection& c, Id content_id, Id after_id, int limit, Id author_id, bool with_held) {
  std::vector<Comment> out;
  auto q = c.Prepare(kPage, content_id, after_id, limit, author_id, with_held ? 1 : 0);
  while (q.Next()) out.push_back(Read(q));
  return out;
}

std::vector<Comment> Newest(Connection& c, Id content_id, int limit) {
  std::vector<Comment> out;
  auto q = c.Prepare(kNewest, content_id, limit);
  while (q.Next()) out.push_back(Read(q));
  return out;
}

}  // namespace agora::comments::store
