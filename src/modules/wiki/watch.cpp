#include "modules/wiki/watch.h"

#include <algorithm>
#include <map>

#include "modules/content/audience.h"
#include "modules/content/store.h"
#include "modules/identity/model.h"
#include "modules/notifications/writer.h"
#include "modules/wiki/store.h"
#include "modules/wiki/visibility.h"

namespace agora::wiki {
namespace {

// The latest session of the author on the page, if it is still going on.
constexpr const char* kOpenSession =
    "SELECT id FROM wiki_edit_sessions WHERE page_id = ?1 AND author_id = ?2 AND updated_at > ?3"
    " ORDER BY updated_at DESC LIMIT 1";
constexpr const char* kExtendSession =
    "UPDATE wiki_edit_sessions SET to_revision = ?2, saves = saves + 1, updated_at = ?3, feed_key = ?4,"
    " summary = CASE WHEN ?5 = '' THEN summary ELSE ?5 END WHERE id = ?1";
constexpr const char* kBeginSession =
    "INSERT INTO wiki_edit_sessions (id, page_id, space_id, author_id, from_revision, to_revision, saves, summary,"
    " started_at, updated_at, feed_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?8, ?1)";
// Everyone watching the page or its space, once each, with their role (the audience rule).
constexpr const char* kWatchers =
    "SELECT u.id, u.role FROM users u WHERE u.active = 1 AND u.id IN"
    " (SELECT person_id FROM wiki_page_watchers WHERE page_id = ?1"
    " UNION SELECT person_id FROM wiki_space_watchers WHERE space_id = ?2)";
// A follower's spaces, then each space's newest sessions below the cursor by its index (a
// home page reads a few rows per space however busy the space; people follow few spaces).
constexpr const char* kWatchedSpaces = "SELECT space_id FROM wiki_space_watchers WHERE person_id = ?1";
constexpr const char* kSpaceSessions =
    "SELECT id, page_id, space_id, author_id, from_revision, to_revision, saves, summary, started_at, updated_at, feed_key"
    " FROM wiki_edit_sessions WHERE space_id = ?1 AND feed_key < ?2 AND author_id != ?3 ORDER BY feed_key DESC LIMIT ?4";
constexpr const char* kFirstSince = "SELECT min(number) FROM wiki_revisions WHERE page_id = ?1 AND created_at >= ?2";

}  // namespace

bool WatchesSpace(Connection& c, Id space, Id person) {
  return c.Prepare("SELECT 1 FROM wiki_space_watchers WHERE space_id = ?1 AND person_id = ?2", space, person).Next();
}

std::pair<bool, bool> Watching(Connection& c, Id page, Id space, Id person) {
  auto q = c.Prepare("SELECT EXISTS (SELECT 1 FROM wiki_page_watchers WHERE page_id = ?1 AND person_id = ?3),"
                     " EXISTS (SELECT 1 FROM wiki_space_watchers WHERE space_id = ?2 AND person_id = ?3)",
                     page, space, person);
  q.Next();
  return {q.Int(0) != 0, q.Int(1) != 0};
}

void SetPageWatch(Connection& c, Id page, Id person, bool on) {
  if (on) c.Prepare("INSERT INTO wiki_page_watchers (page_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", page, person).Run();
  else c.Prepare("DELETE FROM wiki_page_watchers WHERE page_id = ?1 AND person_id = ?2", page, person).Run();
}

void SetSpaceWatch(Connection& c, Id space, Id person, bool on) {
  if (on) c.Prepare("INSERT INTO wiki_space_watchers (space_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING", space, person).Run();
  else c.Prepare("DELETE FROM wiki_space_watchers WHERE space_id = ?1 AND person_id = ?2", space, person).Run();
}

std::vector<Id> AfterSave(Connection& c, IdGenerator& ids, const SavedChange& ch) {
  const Page& p = ch.page;
  SetPageWatch(c, p.head.id, ch.author, true);
  std::optional<Id> session;
  if (auto q = c.Prepare(kOpenSession, p.head.id, ch.author, ch.at - kSessionGapMs); q.Next()) session = q.Int(0);
  if (session) c.Prepare(kExtendSession, *session, p.revision, ch.at, ids.Next(), ch.summary).Run();
  else c.Prepare(kBeginSession, ids.Next(), p.head.id, p.space_id, ch.author, p.revision - 1, p.revision, ch.summary, ch.at).Run();

  std::vector<content::Viewer> watchers;
  for (auto q = c.Prepare(kWatchers, p.head.id, p.space_id); q.Next();)
    if (auto role = identity::ParseRole(q.TextView(1))) watchers.push_back({q.Int(0), *role});
  std::vector<Id> told;
  for (const auto& w : watchers) {
    if (w.id == ch.author || !content::CanRead(c, w, p.head) || !SeesSpace(c, w, ch.space)) continue;
    // Grouped on the page: an unread notification gathers the page's later editors.
    notifications::Event n{notifications::Kind::kWikiChange, w.id, ch.author};
    n.content_id = p.head.id;
    n.group_target = p.head.id;
    if (notifications::Notify(c, ids, n, ch.at)) told.push_back(w.id);
  }
  for (Id person : ch.mentioned)
    if (notifications::Notify(c, ids, {notifications::Kind::kMention, person, ch.author, p.head.id}, ch.at) &&
        std::find(told.begin(), told.end(), person) == told.end())
      told.push_back(person);
  return told;
}

std::vector<ChangeItem> WatchedChanges(Connection& c, const content::Viewer& viewer, Id before, int limit) {
  std::vector<ChangeItem> out;
  if (!viewer.signed_in()) return out;
  // A few more than asked: some may be of pages the viewer no longer reads.
  std::vector<Id> spaces;
  for (auto q = c.Prepare(kWatchedSpaces, viewer.id); q.Next();) spaces.push_back(q.Int(0));
  std::vector<ChangeItem> found;
  for (Id space : spaces) {
    for (auto q = c.Prepare(kSpaceSessions, space, before, viewer.id, limit + 8); q.Next();) {
      ChangeItem it;
      it.session = q.Int(0);
      it.page.id = q.Int(1);
      it.space_id = q.Int(2);
      it.author = q.Int(3);
      it.from_revision = static_cast<int>(q.Int(4));
      it.to_revision = static_cast<int>(q.Int(5));
      it.saves = q.Int(6);
      it.summary = q.Text(7);
      it.started_at = q.Int(8);
      it.updated_at = q.Int(9);
      it.key = q.Int(10);
      found.push_back(std::move(it));
    }
  }
  std::sort(found.begin(), found.end(), [](const ChangeItem& a, const ChangeItem& b) { return a.key > b.key; });
  std::map<Id, std::optional<Space>> spaces_seen;  // those the viewer sees, else nullopt
  for (auto& it : found) {
    if (static_cast<int>(out.size()) >= limit) break;
    auto head = content::store::LoadHead(c, it.page.id);
    if (!head || !content::CanRead(c, viewer, *head)) continue;
    auto ref = store::LoadRef(c, it.page.id);
    if (!ref) continue;
    // Each space read and asked about once a page of the feed.
    auto known = spaces_seen.find(it.space_id);
    if (known == spaces_seen.end()) {
      auto loaded = store::LoadSpace(c, it.space_id);
      if (loaded && !SeesSpace(c, viewer, *loaded)) loaded.reset();
      known = spaces_seen.emplace(it.space_id, std::move(loaded)).first;
    }
    const auto& space = known->second;
    if (!space) continue;
    it.page = std::move(*ref);
    it.space_handle = space->handle;
    it.space_name = space->name;
    out.push_back(std::move(it));
  }
  return out;
}

std::optional<std::pair<int, int>> ChangeSince(Connection& c, Id page, std::int64_t since) {
  auto q = c.Prepare(kFirstSince, page, since);
  if (!q.Next() || q.IsNull(0)) return std::nullopt;
  const int first = static_cast<int>(q.Int(0));
  auto cur = c.Prepare("SELECT revision FROM wiki_pages WHERE content_id = ?1", page);
  if (!cur.Next()) return std::nullopt;
  return std::pair{first - 1, static_cast<int>(cur.Int(0))};
}

std::optional<notifications::ChangeLines> MailChange(Connection& c, Id page, std::int64_t since) {
  auto range = ChangeSince(c, page, since);
  if (!range) return std::nullopt;
  auto from = range->first > 0 ? store::LoadRevision(c, page, range->first) : std::nullopt;
  auto to = store::LoadRevision(c, page, range->second);
  if (!to) return std::nullopt;
  notifications::ChangeLines out{range->first, range->second, {}, 0};
  std::int64_t changed = 0;
  for (const auto& hunk : DiffTexts(from ? from->body : std::string(), to->body, 1)) {
    if (changed >= kMailChangedLines) {
      for (const auto& line : hunk.lines) out.more += line.op != ' ';
      continue;
    }
    out.lines.push_back("@@ -" + std::to_string(hunk.old_start) + "," + std::to_string(hunk.old_lines) + " +" +
                        std::to_string(hunk.new_start) + "," + std::to_string(hunk.new_lines) + " @@");
    for (const auto& line : hunk.lines) {
      if (line.op != ' ' && changed++ >= kMailChangedLines) {
        ++out.more;
        continue;
      }
      std::string text(1, line.op);
      for (const auto& piece : line.pieces) text += piece.text;
      out.lines.push_back(std::move(text));
    }
  }
  return out;
}

}  // namespace agora::wiki
