#include "modules/forum/store.h"

#include "modules/content/audience.h"
#include "modules/content/store.h"

namespace agora::forum::store {
namespace {

constexpr const char* kLoad =
    "SELECT t.content_id, t.community_id, t.title, t.body, t.body_html, t.question, t.sticky, t.answer_id, c.locked"
    " FROM topics t JOIN content c ON c.id = t.content_id WHERE t.content_id = ?1";
const std::string kOfCommunity = std::string(
    "SELECT t.content_id FROM topics t JOIN content c ON c.id = t.content_id WHERE t.community_id = ?1"
    " AND (t.sticky < ?2 OR (t.sticky = ?2 AND t.content_id < ?3)) AND ") +
    content::kVisibleToViewer + " ORDER BY t.sticky DESC, t.content_id DESC LIMIT ?4";

}  // namespace

void Insert(Connection& c, const Topic& t) {
  content::store::Insert(c, t.head);
  c.Prepare("INSERT INTO topics (content_id, community_id, title, body, body_html, question, sticky) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            t.head.id, t.community_id, t.title, t.body, t.body_html, t.question, t.sticky)
      .Run();
}

void Update(Connection& c, const Topic& t) {
  c.Prepare("UPDATE topics SET title = ?2, body = ?3, body_html = ?4, question = ?5, sticky = ?6, answer_id = ?7 WHERE content_id = ?1",
            t.head.id, t.title, t.body, t.body_html, t.question, t.sticky, t.answer_id)
      .Run();
  c.Prepare("UPDATE content SET locked = ?2 WHERE id = ?1", t.head.id, t.locked).Run();
}

std::optional<Topic> Load(Connection& c, Id id) {
  auto head = content::store::LoadHead(c, id);
  if (!head || head->kind != "topic") return std::nullopt;
  auto q = c.Prepare(kLoad, id);
  if (!q.Next()) return std::nullopt;
  Topic t;
  t.head = *head;
  t.community_id = q.Int(1);
  t.title = q.Text(2);
  t.body = q.Text(3);
  t.body_html = q.Text(4);
  t.question = q.Int(5) != 0;
  t.sticky = q.Int(6) != 0;
  if (!q.IsNull(7)) t.answer_id = q.Int(7);
  t.locked = q.Int(8) != 0;
  return t;
}

std::vector<Topic> OfCommunity(Connection& c, const content::Viewer& viewer, Id community, int after_sticky, Id after_id,
                               int limit) {
  std::vector<Id> ids;
  auto q = c.Prepare(kOfCommunity, community, after_sticky, after_id, limit);
  content::BindViewer(q, viewer);
  while (q.Next()) ids.push_back(q.Int(0));
  std::vector<Topic> out;
  for (Id id : ids)
    if (auto t = Load(c, id)) out.push_back(std::move(*t));
  return out;
}

void Follow(Connection& c, Id content_id, Id person) {
  c.Prepare("INSERT INTO content_follows (content_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", content_id, person).Run();
}
void Unfollow(Connection& c, Id content_id, Id person) {
  c.Prepare("DELETE FROM content_follows WHERE content_id = ?1 AND person_id = ?2", content_id, person).Run();
}
bool Follows(Connection& c, Id content_id, Id person) {
  return c.Prepare("SELECT 1 FROM content_follows WHERE content_id = ?1 AND person_id = ?2", content_id, person).Next();
}

}  // namespace agora::forum::store
