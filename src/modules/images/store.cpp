#include "modules/images/store.h"

namespace agora::images::store {
namespace {

constexpr const char* kColumns = "id, owner_id, file_key, width, height, alt, content_id, position, created_at";

Image Row(agora::store::Query& q) {
  Image i;
  i.id = q.Int(0);
  i.owner_id = q.Int(1);
  i.key = q.Text(2);
  i.width = static_cast<int>(q.Int(3));
  i.height = static_cast<int>(q.Int(4));
  i.alt = q.Text(5);
  if (!q.IsNull(6)) i.content_id = q.Int(6);
  i.position = static_cast<int>(q.Int(7));
  i.created_at = q.Int(8);
  return i;
}

const std::string kLoad = std::string("SELECT ") + kColumns + " FROM images WHERE id = ?1";
const std::string kOfContent = std::string("SELECT ") + kColumns + " FROM images WHERE content_id = ?1 ORDER BY position";
const std::string kUnattached =
    std::string("SELECT ") + kColumns + " FROM images WHERE owner_id = ?1 AND content_id IS NULL ORDER BY created_at";
constexpr const char* kInsert =
    "INSERT INTO images (id, owner_id, file_key, width, height, alt, content_id, position, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, 0, ?7)";
constexpr const char* kAttach =
    "UPDATE images SET content_id = ?3, position = ?4 WHERE id = ?1 AND owner_id = ?2 AND content_id IS NULL";
constexpr const char* kDelete = "DELETE FROM images WHERE id = ?1";
constexpr const char* kKeyInUse = "SELECT 1 FROM images WHERE file_key = ?1 LIMIT 1";

}  // namespace

void Insert(Connection& c, const Image& i) {
  c.Prepare(kInsert, i.id, i.owner_id, i.key, i.width, i.height, i.alt, i.created_at).Run();
}

std::optional<Image> Load(Connection& c, Id id) {
  auto q = c.Prepare(kLoad, id);
  if (!q.Next()) return std::nullopt;
  return Row(q);
}

std::vector<Image> OfContent(Connection& c, Id content_id) {
  std::vector<Image> out;
  for (auto q = c.Prepare(kOfContent, content_id); q.Next();) out.push_back(Row(q));
  return out;
}

Status Attach(Connection& c, const std::vector<Id>& ids, Id owner, Id content_id, std::string_view field) {
  for (size_t i = 0; i < ids.size(); ++i) {
    if (c.Prepare(kAttach, ids[i], owner, content_id, static_cast<std::int64_t>(i)).Run() != 1)
      return Error::Invalid(std::string(field) + "[" + std::to_string(i) + "]",
                            "no such image of yours waiting to be posted (upload it first; each image goes on one post)");
  }
  return OkStatus();
}

std::vector<Image> Unattached(Connection& c, Id owner) {
  std::vector<Image> out;
  for (auto q = c.Prepare(kUnattached, owner); q.Next();) out.push_back(Row(q));
  return out;
}

void Delete(Connection& c, Id id) { c.Prepare(kDelete, id).Run(); }

bool KeyInUse(Connection& c, const std::string& key) { return c.Prepare(kKeyInUse, key).Next(); }

}  // namespace agora::images::store
