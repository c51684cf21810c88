#include "modules/files/store.h"

namespace agora::files::store {
namespace {

constexpr const char* kColumns = "id, owner_id, file_key, name, media_type, size, content_id, created_at";

File Row(agora::store::Query& q) {
  File f;
  f.id = q.Int(0);
  f.owner_id = q.Int(1);
  f.key = q.Text(2);
  f.name = q.Text(3);
  f.media_type = q.Text(4);
  f.size = q.Int(5);
  f.content_id = q.OptInt(6);
  f.created_at = q.Int(7);
  return f;
}

const std::string kLoad = std::string("SELECT ") + kColumns + " FROM files WHERE id = ?1";
const std::string kOfContent = std::string("SELECT ") + kColumns + " FROM files WHERE content_id = ?1 ORDER BY id";
const std::string kUnattached =
    std::string("SELECT ") + kColumns + " FROM files WHERE owner_id = ?1 AND content_id IS NULL ORDER BY created_at";

}  // namespace

void Insert(Connection& c, const File& f) {
  c.Prepare("INSERT INTO files (id, owner_id, file_key, name, media_type, size, content_id, created_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)",
            f.id, f.owner_id, f.key, f.name, f.media_type, f.size, f.created_at)
      .Run();
}

std::optional<File> Load(Connection& c, Id id) {
  auto q = c.Prepare(kLoad, id);
  if (!q.Next()) return std::nullopt;
  return Row(q);
}

std::vector<File> OfContent(Connection& c, Id content_id) {
  std::vector<File> out;
  for (auto q = c.Prepare(kOfContent, content_id); q.Next();) out.push_back(Row(q));
  return out;
}

size_t CountOfContent(Connection& c, Id content_id) {
  auto q = c.Prepare("SELECT COUNT(*) FROM files WHERE content_id = ?1", content_id);
  return q.Next() ? static_cast<size_t>(q.Int(0)) : 0;
}

bool Attach(Connection& c, Id id, Id owner, Id content_id) {
  return c.Prepare("UPDATE files SET content_id = ?3 WHERE id = ?1 AND owner_id = ?2 AND content_id IS NULL", id, owner, content_id)
             .Run() > 0;
}

std::vector<File> Unattached(Connection& c, Id owner) {
  std::vector<File> out;
  for (auto q = c.Prepare(kUnattached, owner); q.Next();) out.push_back(Row(q));
  return out;
}

void Delete(Connection& c, Id id) { c.Prepare("DELETE FROM files WHERE id = ?1", id).Run(); }

bool KeyInUse(Connection& c, const std::string& key) {
  return c.Prepare("SELECT 1 FROM files WHERE file_key = ?1 LIMIT 1", key).Next();
}

}  // namespace agora::files::store
