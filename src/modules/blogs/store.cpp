#include "modules/blogs/store.h"

#include "modules/content/audience.h"
#include "modules/content/store.h"

namespace agora::blogs::store {
namespace {

constexpr const char* kBlogColumns =
    "SELECT id, handle, name, description, personal_of, community_id, audience, created_by, created_at, updated_at,"
    " entry_count, follower_count, rank, changed_at, comment_policy FROM blogs ";
const std::string kEntries = std::string(
    "SELECT e.content_id, COALESCE(e.published_at, c.created_at) FROM blog_entries e JOIN content c ON c.id = e.content_id"
    " WHERE e.blog_id = ?1 AND e.state = ?2 AND (COALESCE(e.published_at, c.created_at) < ?3"
    " OR (COALESCE(e.published_at, c.created_at) = ?3 AND e.content_id < ?4)) AND ") +
    content::kVisibleToViewer + " ORDER BY COALESCE(e.published_at, c.created_at) DESC, e.content_id DESC LIMIT ?5";

// Written by the person or credited to them.
const std::string kPublishedBy = std::string(
    "SELECT e.content_id FROM content c JOIN blog_entries e ON e.content_id = c.id"
    " WHERE c.id IN (SELECT id FROM content WHERE author_id = ?1 AND kind = 'blog_entry'"
    " UNION SELECT content_id FROM blog_entry_authors WHERE person_id = ?1) AND e.state = 'published' AND ") +
    content::kVisibleToViewer + " ORDER BY e.published_at DESC, e.content_id DESC LIMIT ?2";
const std::string kPublishedWithTag = std::string(
    "SELECT e.content_id FROM content_tags t JOIN blog_entries e ON e.content_id = t.content_id"
    " JOIN content c ON c.id = t.content_id WHERE t.tag = ?1 AND e.state = 'published' AND ") +
    content::kVisibleToViewer + " ORDER BY e.published_at DESC, e.content_id DESC LIMIT ?2";

std::vector<Entry> LoadAll(Connection& c, agora::store::Query q, const content::Viewer& viewer) {
  content::BindViewer(q, viewer);
  std::vector<Id> ids;
  while (q.Next()) ids.push_back(q.Int(0));
  std::vector<Entry> out;
  for (Id id : ids)
    if (auto e = LoadEntry(c, id)) out.push_back(std::move(*e));
  return out;
}

Blog BlogFrom(agora::store::Query& q) {
  Blog b;
  b.id = q.Int(0);
  b.handle = q.Text(1);
  b.name = q.Text(2);
  b.description = q.Text(3);
  b.personal_of = q.OptInt(4);
  b.community_id = q.OptInt(5);
  b.audience = content::ParseAudience(q.TextView(6)).value_or(content::Audience::kOrganization);
  b.created_by = q.Int(7);
  b.created_at = q.Int(8);
  b.updated_at = q.Int(9);
  b.entry_count = q.Int(10);
  b.follower_count = q.Int(11);
  b.rank = q.Real(12);
  b.changed_at = q.Int(13);
  b.comment_policy = ParseCommentPolicy(q.TextView(14)).value_or(CommentPolicy::kOpen);
  return b;
}

std::optional<Blog> OneBlog(agora::store::Query q) {
  if (!q.Next()) return std::nullopt;
  return BlogFrom(q);
}

std::string_view StateName(EntryState s) { return s == EntryState::kPublished ? "published" : "draft"; }

}  // namespace


void InsertBlog(Connection& c, const Blog& b) {
  c.Prepare("INSERT INTO blogs (id, handle, name, description, personal_of, community_id, audience, created_by, created_at,"
            " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            b.id, b.handle, b.name, b.description, b.personal_of, b.community_id, content::AudienceName(b.audience), b.created_by,
            b.created_at, b.updated_at)
      .Run();
}

std::optional<Blog> LoadBlog(Connection& c, Id id) { return OneBlog(c.Prepare(std::string(kBlogColumns) + "WHERE id = ?1", id)); }
std::optional<Blog> LoadBlogByHandle(Connection& c, std::string_view handle) {
  return OneBlog(c.Prepare(std::string(kBlogColumns) + "WHERE handle = ?1", handle));
}
std::optional<Blog> PersonalBlogOf(Connection& c, Id person) {
  return OneBlog(c.Prepare(std::string(kBlogColumns) + "WHERE personal_of = ?1", person));
}
bool HandleTaken(Connection& c, std::string_view handle) {
  return c.Prepare("SELECT 1 FROM blogs WHERE handle = ?1", handle).Next();
}

void Recount(Connection& c, Id blog, std::optional<std::int64_t> published_at) {
  c.Prepare("UPDATE blogs SET entry_count = (SELECT COUNT(*) FROM blog_entries WHERE blog_id = ?1 AND state = 'published')"
            " WHERE id = ?1",
            blog)
      .Run();
  if (published_at) c.Prepare("UPDATE blogs SET updated_at = ?2 WHERE id = ?1 AND updated_at < ?2", blog, *published_at).Run();
}

std::vector<Blog> Directory(Connection& c, DirectorySort sort, double before, Id before_id, int limit) {
  // The column each order sorts on (constants, not input).
  const char* key = sort == DirectorySort::kFollowers ? "follower_count" : sort == DirectorySort::kRecommended ? "rank" : "updated_at";
  auto q = c.Prepare(std::string(kBlogColumns) + "WHERE " + key + " < ?1 OR (" + key + " = ?1 AND id < ?2) ORDER BY " + key +
                         " DESC, id DESC LIMIT ?3",
                     before, before_id, limit);
  std::vector<Blog> out;
  while (q.Next()) out.push_back(BlogFrom(q));
  return out;
}

double SortKey(const Blog& b, DirectorySort sort) {
  switch (sort) {
    case DirectorySort::kFollowers: return static_cast<double>(b.follower_count);
    case DirectorySort::kRecommended: return b.rank;
    case DirectorySort::kUpdated: break;
  }
  return static_cast<double>(b.updated_at);
}

std::optional<Role> RoleOf(Connection& c, Id blog, Id person) {
  auto q = c.Prepare("SELECT role FROM blog_members WHERE blog_id = ?1 AND person_id = ?2", blog, person);
  if (!q.Next()) return std::nullopt;
  return ParseRole(q.TextView(0));
}

std::unordered_map<Id, Role> RolesOf(Connection& c, Id person) {
  std::unordered_map<Id, Role> out;
  for (auto q = c.Prepare("SELECT blog_id, role FROM blog_members WHERE person_id = ?1", person); q.Next();)
    if (auto r = ParseRole(q.TextView(1))) out.emplace(q.Int(0), *r);
  return out;
}

std::unordered_set<Id> FollowedBy(Connection& c, Id person) {
  std::unordered_set<Id> out;
  for (auto q = c.Prepare("SELECT blog_id FROM blog_followers WHERE person_id = ?1", person); q.Next();) out.insert(q.Int(0));
  return out;
}

void PutRole(Connection& c, Id blog, Id person, Role role) {
  c.Prepare("INSERT INTO blog_members (blog_id, person_id, role) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (blog_id, person_id) DO UPDATE SET role = excluded.role",
            blog, person, RoleName(role))
      .Run();
}

std::vector<Id> Editors(Connection& c, Id blog) {
  auto q = c.Prepare("SELECT person_id FROM blog_members WHERE blog_id = ?1 AND role IN ('owner', 'editor') ORDER BY person_id", blog);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::vector<Id> Coauthors(Connection& c, Id entry) {
  std::vector<Id> out;
  for (auto q = c.Prepare("SELECT person_id FROM blog_entry_authors WHERE content_id = ?1 ORDER BY position", entry); q.Next();)
    out.push_back(q.Int(0));
  return out;
}

void SetCoauthors(Connection& c, Id entry, const std::vector<Id>& people) {
  c.Prepare("DELETE FROM blog_entry_authors WHERE content_id = ?1", entry).Run();
  for (size_t i = 0; i < people.size(); ++i)
    c.Prepare("INSERT INTO blog_entry_authors (content_id, person_id, position) VALUES (?1, ?2, ?3)", entry, people[i],
              static_cast<std::int64_t>(i))
        .Run();
}

std::vector<Id> Writers(Connection& c, Id blog) {
  auto q = c.Prepare("SELECT person_id FROM blog_members WHERE blog_id = ?1 ORDER BY person_id", blog);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::vector<std::pair<Id, Role>> WritersWithRoles(Connection& c, Id blog) {
  auto q = c.Prepare(
      "SELECT person_id, role FROM blog_members WHERE blog_id = ?1 ORDER BY"
      " CASE role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 WHEN 'author' THEN 2 ELSE 3 END, person_id",
      blog);
  std::vector<std::pair<Id, Role>> out;
  while (q.Next())
    if (auto r = ParseRole(q.TextView(1))) out.emplace_back(q.Int(0), *r);
  return out;
}

void InsertEntry(Connection& c, const Entry& e) {
  content::store::Insert(c, e.head);
  c.Prepare("INSERT INTO blog_entries (content_id, blog_id, title, slug, excerpt, body, body_html, state, published_at, cover_image_id)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            e.head.id, e.blog_id, e.title, e.slug, e.excerpt, e.body, e.body_html, StateName(e.state), e.published_at, e.cover_image_id)
      .Run();
}

void UpdateEntry(Connection& c, const Entry& e) {
  c.Prepare("UPDATE blog_entries SET title = ?2, slug = ?3, excerpt = ?4, body = ?5, body_html = ?6, state = ?7, published_at = ?8,"
            " version = ?9, scheduled_at = ?10, scheduled_by = ?11, cover_image_id = ?12 WHERE content_id = ?1",
            e.head.id, e.title, e.slug, e.excerpt, e.body, e.body_html, StateName(e.state), e.published_at, e.version,
            e.scheduled_at, e.scheduled_by, e.cover_image_id)
      .Run();
}

std::optional<Entry> LoadEntry(Connection& c, Id id) {
  auto head = content::store::LoadHead(c, id);
  if (!head || head->kind != "blog_entry") return std::nullopt;
  auto q = c.Prepare(
      "SELECT blog_id, title, slug, excerpt, body, body_html, state, published_at, recommend_count, reader_count, view_count, rank,"
      " version, scheduled_at, scheduled_by, cover_image_id"
      " FROM blog_entries WHERE content_id = ?1",
      id);
  if (!q.Next()) return std::nullopt;
  Entry e;
  e.head = *head;
  e.blog_id = q.Int(0);
  e.title = q.Text(1);
  e.slug = q.Text(2);
  e.excerpt = q.Text(3);
  e.body = q.Text(4);
  e.body_html = q.Text(5);
  e.state = q.TextView(6) == "published" ? EntryState::kPublished : EntryState::kDraft;
  e.published_at = q.OptInt(7);
  e.recommend_count = q.Int(8);
  e.reader_count = q.Int(9);
  e.view_count = q.Int(10);
  e.rank = q.Real(11);
  e.version = q.Int(12);
  e.scheduled_at = q.OptInt(13);
  e.scheduled_by = q.OptInt(14);
  e.cover_image_id = q.OptInt(15);
  return e;
}

bool SlugTaken(Connection& c, Id blog, std::string_view slug) {
  return c.Prepare("SELECT 1 FROM blog_entries WHERE blog_id = ?1 AND slug = ?2", blog, slug).Next();
}

void SetEntryAudience(Connection& c, const Entry& e, const Blog& blog) {
  c.Prepare("DELETE FROM content_readers WHERE content_id = ?1", e.head.id).Run();
  if (e.state == EntryState::kPublished) {
    c.Prepare("UPDATE content SET audience = ?2, container_id = ?3 WHERE id = ?1", e.head.id, content::AudienceName(blog.audience),
              blog.audience == content::Audience::kCommunity ? blog.community_id : std::optional<Id>())
        .Run();
    return;
  }
  c.Prepare("UPDATE content SET audience = 'restricted', container_id = NULL WHERE id = ?1", e.head.id).Run();
  content::store::AddReaders(c, e.head.id, Editors(c, blog.id));
  content::store::AddReaders(c, e.head.id, Coauthors(c, e.head.id));
}

std::vector<Entry> EntriesOf(Connection& c, const content::Viewer& viewer, Id blog, EntryState state, std::int64_t before_at,
                             Id before_id, int limit) {
  return LoadAll(c, c.Prepare(kEntries, blog, StateName(state), before_at, before_id, limit), viewer);
}

std::vector<Entry> PublishedBy(Connection& c, const content::Viewer& viewer, Id author, int limit) {
  return LoadAll(c, c.Prepare(kPublishedBy, author, limit), viewer);
}

std::vector<Entry> PublishedWithTag(Connection& c, const content::Viewer& viewer, std::string_view tag, int limit) {
  return LoadAll(c, c.Prepare(kPublishedWithTag, tag, limit), viewer);
}

void Changed(Connection& c, Id blog, std::int64_t now) {
  // Strictly later each time, so two changes in one millisecond are two versions.
  c.Prepare("UPDATE blogs SET changed_at = CASE WHEN changed_at >= ?2 THEN changed_at + 1 ELSE ?2 END WHERE id = ?1", blog, now).Run();
}

bool Follows(Connection& c, Id blog, Id person) {
  return c.Prepare("SELECT 1 FROM blog_followers WHERE blog_id = ?1 AND person_id = ?2", blog, person).Next();
}

bool SetFollowing(Connection& c, Id blog, Id person, bool on, std::int64_t now) {
  const bool was = Follows(c, blog, person);
  if (was == on) return false;
  if (on) c.Prepare("INSERT INTO blog_followers (blog_id, person_id, created_at) VALUES (?1, ?2, ?3)", blog, person, now).Run();
  else c.Prepare("DELETE FROM blog_followers WHERE blog_id = ?1 AND person_id = ?2", blog, person).Run();
  c.Prepare("UPDATE blogs SET follower_count = follower_count + ?2 WHERE id = ?1", blog, on ? 1 : -1).Run();
  return true;
}

bool Recommended(Connection& c, Id entry, Id person) {
  return c.Prepare("SELECT 1 FROM blog_entry_recommendations WHERE content_id = ?1 AND person_id = ?2", entry, person).Next();
}

bool SetRecommended(Connection& c, Id entry, Id person, bool on, std::int64_t now) {
  const bool was = Recommended(c, entry, person);
  if (was == on) return false;
  if (on) c.Prepare("INSERT INTO blog_entry_recommendations (content_id, person_id, created_at) VALUES (?1, ?2, ?3)", entry, person, now).Run();
  else c.Prepare("DELETE FROM blog_entry_recommendations WHERE content_id = ?1 AND person_id = ?2", entry, person).Run();
  c.Prepare("UPDATE blog_entries SET recommend_count = recommend_count + ?2 WHERE content_id = ?1", entry, on ? 1 : -1).Run();
  return true;
}

bool AddReader(Connection& c, Id entry, Id person) {
  if (c.Prepare("SELECT 1 FROM blog_entry_readers WHERE content_id = ?1 AND person_id = ?2", entry, person).Next()) return false;
  c.Prepare("INSERT INTO blog_entry_readers (content_id, person_id) VALUES (?1, ?2)", entry, person).Run();
  c.Prepare("UPDATE blog_entries SET reader_count = reader_count + 1 WHERE content_id = ?1", entry).Run();
  return true;
}

bool AddView(Connection& c, Id entry, Id person, std::int64_t day) {
  if (c.Prepare("SELECT 1 FROM blog_entry_views WHERE content_id = ?1 AND day = ?2 AND person_id = ?3", entry, day, person).Next())
    return false;
  c.Prepare("INSERT INTO blog_entry_views (content_id, day, person_id) VALUES (?1, ?2, ?3)", entry, day, person).Run();
  c.Prepare("UPDATE blog_entries SET view_count = view_count + 1 WHERE content_id = ?1", entry).Run();
  return true;
}

void SetRank(Connection& c, const Entry& e, double rank) {
  if (rank == e.rank) return;
  c.Prepare("UPDATE blog_entries SET rank = ?2 WHERE content_id = ?1", e.head.id, rank).Run();
  c.Prepare("UPDATE blogs SET rank = rank + ?2 WHERE id = ?1", e.blog_id, rank - e.rank).Run();
}

void UpdateBlog(Connection& c, const Blog& b) {
  c.Prepare("UPDATE blogs SET name = ?2, description = ?3, comment_policy = ?4 WHERE id = ?1", b.id, b.name, b.description,
            CommentPolicyName(b.comment_policy))
      .Run();
}

std::optional<Id> BlogOfEntry(Connection& c, Id entry) {
  auto q = c.Prepare("SELECT blog_id FROM blog_entries WHERE content_id = ?1", entry);
  if (!q.Next()) return std::nullopt;
  return q.Int(0);
}

bool TrustsCommenter(Connection& c, Id blog, Id person) {
  return c.Prepare("SELECT 1 FROM blog_trusted_commenters WHERE blog_id = ?1 AND person_id = ?2", blog, person).Next();
}

void TrustCommenter(Connection& c, Id blog, Id person) {
  c.Prepare("INSERT INTO blog_trusted_commenters (blog_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", blog, person).Run();
}

std::vector<Id> HeldComments(Connection& c, Id blog, int limit) {
  std::vector<Id> out;
  auto q = c.Prepare(
      "SELECT m.id FROM comments m JOIN blog_entries e ON e.content_id = m.content_id"
      " WHERE e.blog_id = ?1 AND m.held = 1 ORDER BY m.id LIMIT ?2",
      blog, limit);
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::vector<Entry> Archive(Connection& c, const content::Viewer& viewer, const ArchiveFilter& f, std::int64_t before_at,
                           Id before_id, int limit) {
  // Only the filters asked for are in the SQL, so each finds its index (a blog's entries by
  // publication; a tag's entries; an author's), and parameters are numbered as they come.
  std::string sql =
      "SELECT e.content_id FROM blog_entries e JOIN content c ON c.id = e.content_id WHERE e.state = 'published'"
      " AND (e.published_at < ?1 OR (e.published_at = ?1 AND e.content_id < ?2))";
  int n = 3;
  if (f.blog) sql += " AND e.blog_id = ?" + std::to_string(n++);
  if (f.author) {
    const std::string author = "?" + std::to_string(n++);
    sql += " AND e.content_id IN (SELECT id FROM content WHERE author_id = " + author +
           " AND kind = 'blog_entry' UNION SELECT content_id FROM blog_entry_authors WHERE person_id = " + author + ")";
  }
  if (!f.tag.empty()) sql += " AND e.content_id IN (SELECT content_id FROM content_tags WHERE tag = ?" + std::to_string(n++) + ")";
  sql += std::string(" AND ") + content::kVisibleToViewer + " ORDER BY e.published_at DESC, e.content_id DESC LIMIT ?" +
         std::to_string(n);
  auto q = c.Prepare(sql);
  q.Bind(1, before_at);
  q.Bind(2, before_id);
  int i = 3;
  if (f.blog) q.Bind(i++, *f.blog);
  if (f.author) q.Bind(i++, *f.author);
  if (!f.tag.empty()) q.Bind(i++, f.tag);
  q.Bind(i, limit);
  return LoadAll(c, std::move(q), viewer);
}

std::vector<std::pair<std::string, std::int64_t>> TagsOf(Connection& c, Id blog, int limit) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  auto q = c.Prepare(
      "SELECT t.tag, COUNT(*) AS n FROM blog_entries e JOIN content_tags t ON t.content_id = e.content_id"
      " WHERE e.blog_id = ?1 AND e.state = 'published' GROUP BY t.tag ORDER BY n DESC, t.tag LIMIT ?2",
      blog, limit);
  while (q.Next()) out.emplace_back(q.Text(0), q.Int(1));
  return out;
}

std::vector<std::pair<Id, std::int64_t>> FollowedBlogs(Connection& c, Id person) {
  std::vector<std::pair<Id, std::int64_t>> out;
  auto q = c.Prepare(
      "SELECT b.id, b.updated_at FROM blog_followers f JOIN blogs b ON b.id = f.blog_id WHERE f.person_id = ?1 AND b.entry_count > 0"
      " ORDER BY b.updated_at DESC",
      person);
  while (q.Next()) out.emplace_back(q.Int(0), q.Int(1));
  return out;
}

std::vector<std::pair<Id, std::int64_t>> NewestOf(Connection& c, const content::Viewer& viewer, Id blog, std::int64_t until, int limit) {
  static const std::string kNewest = std::string(
      "SELECT e.content_id, e.published_at FROM blog_entries e JOIN content c ON c.id = e.content_id"
      " WHERE e.blog_id = ?1 AND e.state = 'published' AND e.published_at <= ?2 AND ") +
      content::kVisibleToViewer + " ORDER BY e.published_at DESC, e.content_id DESC LIMIT ?3";
  auto q = c.Prepare(kNewest, blog, until, limit);
  content::BindViewer(q, viewer);
  std::vector<std::pair<Id, std::int64_t>> out;
  while (q.Next()) out.emplace_back(q.Int(0), q.Int(1));
  return out;
}

std::vector<Id> BlogsOfCommunity(Connection& c, Id community) {
  std::vector<Id> out;
  for (auto q = c.Prepare("SELECT id FROM blogs WHERE community_id = ?1 ORDER BY created_at, id", community); q.Next();)
    out.push_back(q.Int(0));
  return out;
}

}  // namespace agora::blogs::store
