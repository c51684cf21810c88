#include "modules/wiki/store.h"

#include <algorithm>

#include "core/text.h"
#include "modules/content/audience.h"
#include "modules/wiki/render.h"

namespace agora::wiki::store {
namespace {

constexpr const char* kSpaceColumns =
    "SELECT id, handle, name, description, community_id, audience, editing, home_page, created_by, created_at, updated_at,"
    " page_count FROM wiki_spaces ";
constexpr const char* kPageColumns =
    "SELECT p.content_id, p.space_id, p.parent_id, p.position, p.title, p.slug, p.body, p.body_html, p.toc, p.html_stale,"
    " p.revision, p.updated_at, p.updated_by, p.owner_id, p.review_by, p.view_count, p.linked_from, c.author_id, c.container_id, c.audience, c.created_at,"
    " c.edited_at, c.comment_count, c.reaction_count, c.share_count, c.language"
    " FROM wiki_pages p JOIN content c ON c.id = p.content_id ";
constexpr const char* kRefColumns =
    "SELECT p.content_id, p.title, p.slug, p.parent_id, p.position, p.updated_at,"
    // (space_id first: the index on (space_id, parent_id) answers it without a scan)
    " EXISTS (SELECT 1 FROM wiki_pages k WHERE k.space_id = p.space_id AND k.parent_id = p.content_id), p.view_count, p.review_by"
    " FROM wiki_pages p ";

Space SpaceFrom(agora::store::Query& q) {
  Space s;
  s.id = q.Int(0);
  s.handle = q.Text(1);
  s.name = q.Text(2);
  s.description = q.Text(3);
  s.community_id = q.OptInt(4);
  s.audience = content::ParseAudience(q.TextView(5)).value_or(content::Audience::kOrganization);
  s.editing = q.TextView(6) == "editors" ? Editing::kEditors : Editing::kReaders;
  s.home_page = q.OptInt(7);
  s.created_by = q.Int(8);
  s.created_at = q.Int(9);
  s.updated_at = q.Int(10);
  s.page_count = q.Int(11);
  return s;
}

std::optional<Space> OneSpace(agora::store::Query q) {
  if (!q.Next()) return std::nullopt;
  return SpaceFrom(q);
}

PageRef RefFrom(agora::store::Query& q) {
  PageRef r;
  r.id = q.Int(0);
  r.title = q.Text(1);
  r.slug = q.Text(2);
  r.parent_id = q.OptInt(3);
  r.position = q.Int(4);
  r.updated_at = q.Int(5);
  r.has_children = q.Int(6) != 0;
  r.view_count = q.Int(7);
  r.review_by = q.OptInt(8);
  return r;
}

std::vector<PageRef> Refs(agora::store::Query q) {
  std::vector<PageRef> out;
  while (q.Next()) out.push_back(RefFrom(q));
  return out;
}

std::string_view EditingName(Editing e) { return e == Editing::kEditors ? "editors" : "readers"; }

}  // namespace

void InsertSpace(Connection& c, const Space& s) {
  c.Prepare("INSERT INTO wiki_spaces (id, handle, name, description, community_id, audience, editing, home_page, created_by,"
            " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            s.id, s.handle, s.name, s.description, s.community_id, content::AudienceName(s.audience), EditingName(s.editing),
            s.home_page, s.created_by, s.created_at, s.updated_at)
      .Run();
}
std::optional<Space> LoadSpace(Connection& c, Id id) { return OneSpace(c.Prepare(std::string(kSpaceColumns) + "WHERE id = ?1", id)); }
std::optional<Space> LoadSpaceByHandle(Connection& c, std::string_view handle) {
  return OneSpace(c.Prepare(std::string(kSpaceColumns) + "WHERE handle = ?1", handle));
}
bool HandleTaken(Connection& c, std::string_view handle) { return c.Prepare("SELECT 1 FROM wiki_spaces WHERE handle = ?1", handle).Next(); }
void UpdateSpace(Connection& c, const Space& s) {
  c.Prepare("UPDATE wiki_spaces SET name = ?2, description = ?3, editing = ?4, home_page = ?5 WHERE id = ?1", s.id, s.name,
            s.description, EditingName(s.editing), s.home_page)
      .Run();
}
std::vector<Space> Spaces(Connection& c, std::optional<Id> community, std::int64_t before, Id before_id, int limit) {
  auto q = community ? c.Prepare(std::string(kSpaceColumns) +
                                     "WHERE community_id = ?4 AND (updated_at < ?1 OR (updated_at = ?1 AND id < ?2))"
                                     " ORDER BY updated_at DESC, id DESC LIMIT ?3",
                                 before, before_id, limit, *community)
                     : c.Prepare(std::string(kSpaceColumns) +
                                     "WHERE updated_at < ?1 OR (updated_at = ?1 AND id < ?2) ORDER BY updated_at DESC, id DESC LIMIT ?3",
                                 before, before_id, limit);
  std::vector<Space> out;
  while (q.Next()) out.push_back(SpaceFrom(q));
  return out;
}

std::optional<Role> RoleOf(Connection& c, Id space, Id person) {
  auto q = c.Prepare("SELECT role FROM wiki_space_members WHERE space_id = ?1 AND person_id = ?2", space, person);
  if (!q.Next()) return std::nullopt;
  return ParseRole(q.TextView(0));
}
void SetRole(Connection& c, Id space, Id person, Role role) {
  c.Prepare("INSERT INTO wiki_space_members (space_id, person_id, role) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (space_id, person_id) DO UPDATE SET role = excluded.role",
            space, person, RoleName(role))
      .Run();
}
void RemoveRole(Connection& c, Id space, Id person) {
  c.Prepare("DELETE FROM wiki_space_members WHERE space_id = ?1 AND person_id = ?2", space, person).Run();
}
std::vector<std::pair<Id, Role>> Members(Connection& c, Id space) {
  auto q = c.Prepare("SELECT person_id, role FROM wiki_space_members WHERE space_id = ?1"
                     " ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END, person_id",
                     space);
  std::vector<std::pair<Id, Role>> out;
  while (q.Next()) out.emplace_back(q.Int(0), ParseRole(q.TextView(1)).value_or(Role::kReader));
  return out;
}
int OwnerCount(Connection& c, Id space) {
  auto q = c.Prepare("SELECT COUNT(*) FROM wiki_space_members WHERE space_id = ?1 AND role = 'owner'", space);
  return q.Next() ? static_cast<int>(q.Int(0)) : 0;
}
void AddReaderToPages(Connection& c, Id space, Id person) {
  c.Prepare("INSERT INTO content_readers (content_id, person_id) SELECT content_id, ?2 FROM wiki_pages WHERE space_id = ?1"
            " ON CONFLICT DO NOTHING",
            space, person)
      .Run();
}
void RemoveReaderFromPages(Connection& c, Id space, Id person) {
  c.Prepare("DELETE FROM content_readers WHERE person_id = ?2 AND content_id IN (SELECT content_id FROM wiki_pages WHERE space_id = ?1)",
            space, person)
      .Run();
}

void InsertPage(Connection& c, const Page& p) {
  c.Prepare("INSERT INTO wiki_pages (content_id, space_id, parent_id, position, title, slug, body, body_html, toc, revision,"
            " updated_at, updated_by, owner_id, review_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            p.head.id, p.space_id, p.parent_id, p.position, p.title, p.slug, p.body, p.body_html, TocJson(p.toc), p.revision,
            p.updated_at, p.updated_by, p.owner_id, p.review_by)
      .Run();
}

// The same columns with texts left out (a read the page cache answers; a save, which
// renders the HTML again).
std::string ColumnsWith(std::string_view texts) {
  return "SELECT p.content_id, p.space_id, p.parent_id, p.position, p.title, p.slug, " + std::string(texts) +
         ", p.html_stale, p.revision, p.updated_at, p.updated_by, p.owner_id, p.review_by, p.view_count, p.linked_from,"
         " c.author_id, c.container_id, c.audience, c.created_at, c.edited_at, c.comment_count, c.reaction_count, c.share_count,"
         " c.language FROM wiki_pages p JOIN content c ON c.id = p.content_id WHERE p.content_id = ?1";
}
const std::string kLoadPage = std::string(kPageColumns) + "WHERE p.content_id = ?1";
const std::string kLoadBody = ColumnsWith("p.body, '', '[]'");
const std::string kLoadHead = ColumnsWith("'', '', '[]'");

std::optional<Page> LoadPage(Connection& c, Id id, Texts texts) {
  auto q = c.Prepare(texts == Texts::kAll ? kLoadPage : texts == Texts::kBody ? kLoadBody : kLoadHead, id);
  if (!q.Next()) return std::nullopt;
  Page p;
  p.head.id = q.Int(0);
  p.head.kind = "wiki_page";
  p.space_id = q.Int(1);
  p.parent_id = q.OptInt(2);
  p.position = q.Int(3);
  p.title = q.Text(4);
  p.slug = q.Text(5);
  p.body = q.Text(6);
  p.body_html = q.Text(7);
  if (texts == Texts::kAll) p.toc = ParseToc(q.TextView(8));
  p.html_stale = q.Int(9) != 0;
  p.revision = static_cast<int>(q.Int(10));
  p.updated_at = q.Int(11);
  p.updated_by = q.Int(12);
  p.owner_id = q.OptInt(13);
  p.review_by = q.OptInt(14);
  p.view_count = q.Int(15);
  p.linked_from = q.Int(16);
  p.head.author_id = q.Int(17);
  p.head.container_id = q.OptInt(18);
  p.head.audience = content::ParseAudience(q.TextView(19)).value_or(content::Audience::kOrganization);
  p.head.created_at = q.Int(20);
  p.head.edited_at = q.OptInt(21);
  p.head.comment_count = q.Int(22);
  p.head.reaction_count = q.Int(23);
  p.head.share_count = q.Int(24);
  p.head.language = q.Text(25);
  return p;
}

std::optional<PageRef> LoadRef(Connection& c, Id id) {
  auto q = c.Prepare(std::string(kRefColumns) + "WHERE p.content_id = ?1", id);
  if (!q.Next()) return std::nullopt;
  return RefFrom(q);
}

std::vector<PageRef> Ancestors(Connection& c, Id page) {
  auto q = c.Prepare("WITH RECURSIVE up(id, depth) AS (SELECT parent_id, 1 FROM wiki_pages WHERE content_id = ?1"
                     " UNION ALL SELECT w.parent_id, up.depth + 1 FROM wiki_pages w JOIN up ON w.content_id = up.id"
                     " WHERE up.depth < 50)"
                     " SELECT p.content_id, p.title, p.slug, p.parent_id, p.position, p.updated_at, 1, p.view_count, p.review_by"
                     " FROM up JOIN wiki_pages p ON p.content_id = up.id ORDER BY up.depth DESC",
                     page);
  std::vector<PageRef> out;
  while (q.Next()) out.push_back(RefFrom(q));
  return out;
}

std::optional<Id> PageNamed(Connection& c, Id space, std::string_view key) {
  auto q = c.Prepare("SELECT page_id FROM wiki_names WHERE space_id = ?1 AND name_key = ?2", space, key);
  if (!q.Next()) return std::nullopt;
  return q.Int(0);
}
void AddName(Connection& c, Id space, std::string_view key, Id page) {
  c.Prepare("INSERT INTO wiki_names (space_id, name_key, page_id) VALUES (?1, ?2, ?3)"
            " ON CONFLICT (space_id, name_key) DO UPDATE SET page_id = excluded.page_id",
            space, key, page)
      .Run();
}

void UpdateText(Connection& c, const Page& p) {
  c.Prepare("UPDATE wiki_pages SET body = ?2, body_html = ?3, toc = ?4, html_stale = 0, revision = ?5, updated_at = ?6,"
            " updated_by = ?7 WHERE content_id = ?1",
            p.head.id, p.body, p.body_html, TocJson(p.toc), p.revision, p.updated_at, p.updated_by)
      .Run();
}
void UpdateHtml(Connection& c, Id page, const std::string& html, const std::string& toc_json) {
  c.Prepare("UPDATE wiki_pages SET body_html = ?2, toc = ?3, html_stale = 0 WHERE content_id = ?1", page, html, toc_json).Run();
}
void Rename(Connection& c, Id page, const std::string& title, const std::string& slug) {
  c.Prepare("UPDATE wiki_pages SET title = ?2, slug = ?3 WHERE content_id = ?1", page, title, slug).Run();
}
void Move(Connection& c, Id page, std::optional<Id> parent, std::int64_t position) {
  c.Prepare("UPDATE wiki_pages SET parent_id = ?2, position = ?3 WHERE content_id = ?1", page, parent, position).Run();
}
void MakeRoom(Connection& c, Id space, std::optional<Id> parent, std::int64_t position, Id except) {
  if (parent)
    c.Prepare("UPDATE wiki_pages SET position = position + 1 WHERE space_id = ?1 AND parent_id = ?2 AND position >= ?3"
              " AND content_id <> ?4",
              space, *parent, position, except)
        .Run();
  else
    c.Prepare("UPDATE wiki_pages SET position = position + 1 WHERE space_id = ?1 AND parent_id IS NULL AND position >= ?2"
              " AND content_id <> ?3",
              space, position, except)
        .Run();
}
void SetReview(Connection& c, Id page, std::optional<Id> owner, std::optional<std::int64_t> review_by) {
  // A new date or owner is reminded again when the date comes.
  c.Prepare("UPDATE wiki_pages SET owner_id = ?2, review_by = ?3, review_reminded = 0 WHERE content_id = ?1", page, owner, review_by).Run();
}
void LiftChildren(Connection& c, Id space, Id page, std::optional<Id> parent) {
  c.Prepare("UPDATE wiki_pages SET parent_id = ?3 WHERE space_id = ?1 AND parent_id = ?2", space, page, parent).Run();
}
void Recount(Connection& c, Id space, std::int64_t pages, std::int64_t updated_at) {
  c.Prepare("UPDATE wiki_spaces SET page_count = page_count + ?2, updated_at = CASE WHEN updated_at < ?3 THEN ?3 ELSE updated_at END"
            " WHERE id = ?1",
            space, pages, updated_at)
      .Run();
}
std::int64_t NextPosition(Connection& c, Id space, std::optional<Id> parent) {
  auto q = parent ? c.Prepare("SELECT COALESCE(MAX(position), -1) + 1 FROM wiki_pages WHERE space_id = ?1 AND parent_id = ?2", space, *parent)
                  : c.Prepare("SELECT COALESCE(MAX(position), -1) + 1 FROM wiki_pages WHERE space_id = ?1 AND parent_id IS NULL", space);
  return q.Next() ? q.Int(0) : 0;
}

void InsertRevision(Connection& c, const Revision& r) {
  c.Prepare("INSERT INTO wiki_revisions (page_id, number, author_id, created_at, summary, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            r.page_id, r.number, r.author_id, r.created_at, r.summary, r.body)
      .Run();
}
std::vector<Revision> Revisions(Connection& c, Id page, int before, int limit) {
  auto q = c.Prepare("SELECT number, author_id, created_at, summary, LENGTH(body) FROM wiki_revisions WHERE page_id = ?1"
                     " AND number < ?2 ORDER BY number DESC LIMIT ?3",
                     page, before, limit);
  std::vector<Revision> out;
  while (q.Next()) {
    Revision r;
    r.page_id = page;
    r.number = static_cast<int>(q.Int(0));
    r.author_id = q.Int(1);
    r.created_at = q.Int(2);
    r.summary = q.Text(3);
    r.size = q.Int(4);
    out.push_back(std::move(r));
  }
  return out;
}
std::optional<Revision> LoadRevision(Connection& c, Id page, int number) {
  auto q = c.Prepare("SELECT author_id, created_at, summary, body FROM wiki_revisions WHERE page_id = ?1 AND number = ?2", page, number);
  if (!q.Next()) return std::nullopt;
  Revision r;
  r.page_id = page;
  r.number = number;
  r.author_id = q.Int(0);
  r.created_at = q.Int(1);
  r.summary = q.Text(2);
  r.body = q.Text(3);
  r.size = static_cast<std::int64_t>(text::CodePoints(r.body));  // as LENGTH counts in lists
  return r;
}

void RecountLinkers(Connection& c, Id page) {
  c.Prepare("UPDATE wiki_pages SET linked_from = (SELECT COUNT(DISTINCT l.from_page) FROM wiki_names n JOIN wiki_links l"
            " ON l.to_space = n.space_id AND l.to_key = n.name_key AND l.crosses = 0 WHERE n.page_id = ?1 AND l.from_page <> ?1)"
            " WHERE content_id = ?1",
            page)
      .Run();
}

std::vector<Id> LinkedPages(Connection& c, Id page) {
  auto q = c.Prepare("SELECT DISTINCT n.page_id FROM wiki_links l JOIN wiki_names n ON n.space_id = l.to_space AND n.name_key = l.to_key"
                     " WHERE l.from_page = ?1 AND l.crosses = 0",
                     page);
  std::vector<Id> out;
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

void SetLinks(Connection& c, Id page, Id from_space, const std::vector<std::pair<Id, std::string>>& targets) {
  // The pages it linked to and the pages it links to now count their linkers again.
  std::vector<Id> touched = LinkedPages(c, page);
  c.Prepare("DELETE FROM wiki_links WHERE from_page = ?1", page).Run();
  for (const auto& [space, key] : targets)
    c.Prepare("INSERT INTO wiki_links (from_page, from_space, to_space, to_key, crosses) VALUES (?1, ?2, ?3, ?4, ?5)"
              " ON CONFLICT DO NOTHING",
              page, from_space, space, key, space == from_space ? 0 : 1)
        .Run();
  for (Id now : LinkedPages(c, page)) touched.push_back(now);
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (Id target : touched) RecountLinkers(c, target);
}
void MarkLinkersStale(Connection& c, Id space, std::string_view key) {
  c.Prepare("UPDATE wiki_pages SET html_stale = 1 WHERE content_id IN (SELECT from_page FROM wiki_links WHERE to_space = ?1 AND to_key = ?2)",
            space, key)
      .Run();
}

// A linking page of the same space has the same audience as the page: whoever reads one
// reads the other, and the audience rule is asked only of other spaces' pages (crosses = 1).
// Each name the page answers to is asked on its own, so that every query walks the index
// (to_space, to_key, crosses, from_page) in order: a page 10,000 pages link to costs a count
// of index entries, and a page of its linkers reads no more than the page.
namespace {
std::vector<std::pair<Id, std::string>> NamesOf(Connection& c, Id page) {
  auto q = c.Prepare("SELECT space_id, name_key FROM wiki_names WHERE page_id = ?1", page);
  std::vector<std::pair<Id, std::string>> out;
  while (q.Next()) out.emplace_back(q.Int(0), q.Text(1));
  return out;
}
const std::string kCrossLinkers = std::string(
    "SELECT l.from_page FROM wiki_links l JOIN content c ON c.id = l.from_page WHERE l.to_space = ?1 AND l.to_key = ?2"
    " AND l.crosses = 1 AND l.from_page > ?3 AND ") + content::kVisibleToViewer + " ORDER BY l.from_page LIMIT ?4";
const std::string kCrossCount = std::string(
    "SELECT COUNT(DISTINCT l.from_page) FROM wiki_names n JOIN wiki_links l ON l.to_space = n.space_id AND l.to_key = n.name_key"
    " AND l.crosses = 1 JOIN content c ON c.id = l.from_page WHERE n.page_id = ?1 AND ") + content::kVisibleToViewer;
}  // namespace

std::vector<Id> Backlinks(Connection& c, const content::Viewer& viewer, Id page, Id after, int limit) {
  std::vector<Id> all;
  for (const auto& [space, key] : NamesOf(c, page)) {
    auto same = c.Prepare("SELECT from_page FROM wiki_links WHERE to_space = ?1 AND to_key = ?2 AND crosses = 0 AND from_page > ?3"
                          " ORDER BY from_page LIMIT ?4",
                          space, key, after, limit + 1);
    while (same.Next()) all.push_back(same.Int(0));
    auto cross = c.Prepare(kCrossLinkers, space, key, after, limit + 1);
    content::BindViewer(cross, viewer);
    while (cross.Next()) all.push_back(cross.Int(0));
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  all.erase(std::remove(all.begin(), all.end(), page), all.end());
  if (static_cast<int>(all.size()) > limit) all.resize(static_cast<size_t>(limit));
  return all;
}

std::int64_t BacklinkCount(Connection& c, const content::Viewer& viewer, const Page& page) {
  // Its own space's linkers are counted as links change (linked_from); other spaces' are
  // few and asked the audience rule here.
  auto cross = c.Prepare(kCrossCount, page.head.id);
  content::BindViewer(cross, viewer);
  return page.linked_from + (cross.Next() ? cross.Int(0) : 0);
}

std::vector<std::pair<Id, std::pair<Id, std::string>>> BrokenLinks(Connection& c, Id space, Id after, int limit) {
  auto q = c.Prepare("SELECT l.from_page, l.to_space, l.to_key FROM wiki_links l WHERE l.from_space = ?1 AND l.from_page > ?2"
                     " AND NOT EXISTS (SELECT 1 FROM wiki_names n WHERE n.space_id = l.to_space AND n.name_key = l.to_key)"
                     " ORDER BY l.from_page, l.to_space, l.to_key LIMIT ?3",
                     space, after, limit);
  std::vector<std::pair<Id, std::pair<Id, std::string>>> out;
  while (q.Next()) out.push_back({q.Int(0), {q.Int(1), q.Text(2)}});
  return out;
}

std::vector<PageRef> Children(Connection& c, Id space, std::optional<Id> parent, int limit) {
  if (parent)
    return Refs(c.Prepare(std::string(kRefColumns) + "WHERE p.space_id = ?1 AND p.parent_id = ?2 ORDER BY p.position, p.title LIMIT ?3",
                          space, *parent, limit));
  return Refs(c.Prepare(std::string(kRefColumns) + "WHERE p.space_id = ?1 AND p.parent_id IS NULL ORDER BY p.position, p.title LIMIT ?2",
                        space, limit));
}
std::vector<PageRef> Recent(Connection& c, Id space, std::int64_t before, Id before_id, int limit) {
  return Refs(c.Prepare(std::string(kRefColumns) +
                            "WHERE p.space_id = ?1 AND (p.updated_at < ?2 OR (p.updated_at = ?2 AND p.content_id < ?3))"
                            " ORDER BY p.updated_at DESC, p.content_id DESC LIMIT ?4",
                        space, before, before_id, limit));
}

bool AddView(Connection& c, Id page, Id person, std::int64_t day) {
  if (c.Prepare("SELECT 1 FROM wiki_page_views WHERE page_id = ?1 AND day = ?2 AND person_id = ?3", page, day, person).Next())
    return false;
  c.Prepare("INSERT INTO wiki_page_views (page_id, day, person_id) VALUES (?1, ?2, ?3)", page, day, person).Run();
  c.Prepare("UPDATE wiki_pages SET view_count = view_count + 1 WHERE content_id = ?1", page).Run();
  return true;
}
std::vector<PageRef> MostRead(Connection& c, Id space, std::int64_t below, Id below_id, int limit) {
  return Refs(c.Prepare(std::string(kRefColumns) +
                            "WHERE p.space_id = ?1 AND (p.view_count < ?2 OR (p.view_count = ?2 AND p.content_id < ?3))"
                            " ORDER BY p.view_count DESC, p.content_id DESC LIMIT ?4",
                        space, below, below_id, limit));
}
std::vector<PageRef> DueForReview(Connection& c, Id space, std::int64_t before, std::int64_t after, Id after_id, int limit) {
  return Refs(c.Prepare(std::string(kRefColumns) +
                            "WHERE p.space_id = ?1 AND p.review_by IS NOT NULL AND p.review_by <= ?2"
                            " AND (p.review_by > ?3 OR (p.review_by = ?3 AND p.content_id > ?4))"
                            " ORDER BY p.review_by, p.content_id LIMIT ?5",
                        space, before, after, after_id, limit));
}

}  // namespace agora::wiki::store
