#include "modules/posts/store.h"

#include "modules/content/store.h"

namespace agora::posts::store {
namespace {
constexpr const char* kInsert =
    "INSERT INTO posts (content_id, body, body_html, share_of, is_share) VALUES (?1, ?2, ?3, ?4, CASE WHEN CAST(?4 AS BIGINT) IS NULL THEN 0 ELSE 1 END)";
constexpr const char* kUpdateBody = "UPDATE posts SET body = ?2, body_html = ?3 WHERE content_id = ?1";
constexpr const char* kLoad = "SELECT body, body_html, share_of, is_share FROM posts WHERE content_id = ?1";
}  // namespace

void Insert(Connection& c, Id id, const std::string& body, const std::string& html, std::optional<Id> share_of) {
  c.Prepare(kInsert, id, body, html, share_of).Run();
}

void UpdateBody(Connection& c, Id id, const std::string& body, const std::string& html) {
  c.Prepare(kUpdateBody, id, body, html).Run();
}

std::optional<Post> Load(Connection& c, Id id) {
  auto head = content::store::LoadHead(c, id);
  if (!head || head->kind != "post") return std::nullopt;
  auto q = c.Prepare(kLoad, id);
  if (!q.Next()) return std::nullopt;
  Post p;
  p.head = *head;
  p.body = q.Text(0);
  p.body_html = q.Text(1);
  p.share_of = q.OptInt(2);
  p.share_of_deleted = q.Int(3) != 0 && !p.share_of;
  return p;
}

std::optional<CommunityRef> CommunityOf(Connection& c, Id id) {
  auto q = c.Prepare("SELECT handle, name FROM communities WHERE id = ?", id);
  if (!q.Next()) return std::nullopt;
  return CommunityRef{id, q.Text(0), q.Text(1)};
}

}  // namespace agora::posts::store
