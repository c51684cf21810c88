#include "modules/content/store.h"

namespace agora::content::store {
namespace {

constexpr const char* kInsert =
    "INSERT INTO content (id, kind, author_id, container_id, audience, created_at, language) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kLoadHead =
    "SELECT id, kind, author_id, container_id, audience, created_at, edited_at, comment_count, reaction_count,"
    " share_count, language FROM content WHERE id = ?1";
constexpr const char* kDelete = "DELETE FROM content WHERE id = ?1";
constexpr const char* kMarkEdited = "UPDATE content SET edited_at = ?2 WHERE id = ?1";
constexpr const char* kAddToCounts =
    "UPDATE content SET comment_count = comment_count + ?2, reaction_count = reaction_count + ?3,"
    " share_count = share_count + ?4 WHERE id = ?1";
constexpr const char* kIsReader = "SELECT 1 FROM content_readers WHERE content_id = ?1 AND person_id = ?2";
constexpr const char* kIsActiveMember =
    "SELECT 1 FROM community_members WHERE community_id = ?1 AND person_id = ?2 AND state = 'active'";
constexpr const char* kAddReader = "INSERT INTO content_readers (content_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kReaders = "SELECT person_id FROM content_readers WHERE content_id = ?1 ORDER BY person_id";
constexpr const char* kDeleteTags = "DELETE FROM content_tags WHERE content_id = ?1";
constexpr const char* kAddTag = "INSERT INTO content_tags (tag, content_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kTags = "SELECT tag FROM content_tags WHERE content_id = ?1 ORDER BY tag";
constexpr const char* kAddMention = "INSERT INTO content_mentions (content_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kAddRevision =
    "INSERT INTO content_revisions (content_id, revision, body, created_at)"
    " SELECT ?1, coalesce(max(revision), 0) + 1, ?2, ?3 FROM content_revisions WHERE content_id = ?1";
constexpr const char* kRevisions =
    "SELECT revision, body, created_at FROM content_revisions WHERE content_id = ?1 ORDER BY revision";

}  // namespace

void Insert(Connection& c, const ContentHead& h) {
  c.Prepare(kInsert, h.id, h.kind, h.author_id, h.container_id, AudienceName(h.audience), h.created_at, h.language).Run();
}

std::optional<ContentHead> LoadHead(Connection& c, Id id) {
  auto q = c.Prepare(kLoadHead, id);
  if (!q.Next()) return std::nullopt;
  ContentHead h;
  h.id = q.Int(0);
  h.kind = q.Text(1);
  h.author_id = q.Int(2);
  h.container_id = q.OptInt(3);
  h.audience = ParseAudience(q.TextView(4)).value_or(Audience::kPrivate);
  h.created_at = q.Int(5);
  h.edited_at = q.OptInt(6);
  h.comment_count = q.Int(7);
  h.reaction_count = q.Int(8);
  h.share_count = q.Int(9);
  h.language = q.Text(10);
  return h;
}

void Delete(Connection& c, Id id) { c.Prepare(kDelete, id).Run(); }
void MarkEdited(Connection& c, Id id, std::int64_t at) { c.Prepare(kMarkEdited, id, at).Run(); }
void AddToCounts(Connection& c, Id id, std::int64_t comments, std::int64_t reactions, std::int64_t shares) {
  c.Prepare(kAddToCounts, id, comments, reactions, shares).Run();
}

bool IsReader(Connection& c, Id content_id, Id person_id) { return c.Prepare(kIsReader, content_id, person_id).Next(); }

bool IsLocked(Connection& c, Id id) {
  auto q = c.Prepare("SELECT locked FROM content WHERE id = ?1", id);
  return q.Next() && q.Int(0) != 0;
}

std::vector<Id> Followers(Connection& c, Id content_id) {
  std::vector<Id> out;
  for (auto q = c.Prepare("SELECT person_id FROM content_follows WHERE content_id = ?1", content_id); q.Next();)
    out.push_back(q.Int(0));
  return out;
}

bool ModeratesContainer(Connection& c, const ContentHead& head, Id person_id) {
  return head.container_id &&
         c.Prepare("SELECT 1 FROM community_members WHERE community_id = ?1 AND person_id = ?2 AND state = 'active'"
                   " AND role IN ('owner', 'moderator')",
                   *head.container_id, person_id)
             .Next();
}

bool IsActiveMember(Connection& c, Id community_id, Id person_id) {
  return c.Prepare(kIsActiveMember, community_id, person_id).Next();
}

bool IsOpenTo(Connection& c, Id community_id, Id person_id) {
  return c.Prepare("SELECT 1 FROM communities WHERE id = ?1 AND type = 'open' AND NOT EXISTS (SELECT 1 FROM community_members"
                   " WHERE community_id = ?1 AND person_id = ?2 AND state = 'banned')",
                   community_id, person_id)
      .Next();
}

void AddReaders(Connection& c, Id content_id, const std::vector<Id>& people) {
  for (Id p : people) c.Prepare(kAddReader, content_id, p).Run();
}

std::vector<Id> Readers(Connection& c, Id content_id) {
  std::vector<Id> out;
  auto q = c.Prepare(kReaders, content_id);
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

void SetTags(Connection& c, Id content_id, const std::vector<std::string>& tags) {
  c.Prepare(kDeleteTags, content_id).Run();
  for (const auto& t : tags) c.Prepare(kAddTag, t, content_id).Run();
}

std::vector<std::string> Tags(Connection& c, Id content_id) {
  std::vector<std::string> out;
  auto q = c.Prepare(kTags, content_id);
  while (q.Next()) out.push_back(q.Text(0));
  return out;
}

std::vector<Id> AddMentions(Connection& c, Id content_id, const std::vector<Id>& people) {
  std::vector<Id> added;
  for (Id p : people)
    if (c.Prepare(kAddMention, content_id, p).Run() > 0) added.push_back(p);
  return added;
}

void AddRevision(Connection& c, Id content_id, const std::string& body, std::int64_t at) {
  c.Prepare(kAddRevision, content_id, body, at).Run();
}

std::vector<Revision> Revisions(Connection& c, Id content_id) {
  std::vector<Revision> out;
  auto q = c.Prepare(kRevisions, content_id);
  while (q.Next()) out.push_back({static_cast<int>(q.Int(0)), q.Text(1), q.Int(2)});
  return out;
}

}  // namespace agora::content::store
