// Watching the wiki (issue 19, migration 0039): people watch a page or a whole space.
//
// - A change notifies the watchers of the page and of its space who may read it (kind
//   `wiki_change`), as MediaWiki's watchlist mail does: one unread notification per page,
//   gathering everyone who changed it until the watcher looks; its mail (when the person
//   chose mail) shows what changed since the notification began (notifications/mails.h asks
//   ChangeSince below).
// - The followers of a space (its watchers) see its changes in their home feed as one "what
//   changed" item per editing session: a person's saves of one page less than
//   kSessionGapMs apart, not one per save.
// - Writing or saving a page watches it (MediaWiki's default "add pages I edit"); making a
//   space watches the space.
// - People newly @mentioned by a save are notified (kind `mention`), as in posts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "modules/content/model.h"
#include "modules/notifications/mails.h"
#include "modules/wiki/diff.h"
#include "modules/wiki/model.h"
#include "store/database.h"

namespace agora::wiki {

using agora::store::Connection;

inline constexpr std::int64_t kSessionGapMs = 30 * 60 * 1000;

bool WatchesSpace(Connection& c, Id space, Id person);
// Both in one question (a page read asks it): (watches the page, watches its space).
std::pair<bool, bool> Watching(Connection& c, Id page, Id space, Id person);
void SetPageWatch(Connection& c, Id page, Id person, bool on);
void SetSpaceWatch(Connection& c, Id space, Id person, bool on);

// What one save did, for its watchers.
struct SavedChange {
  const Space& space;
  const Page& page;           // as saved: its revision is the new one
  Id author = 0;
  std::string summary;
  std::vector<Id> mentioned;  // people the new text names that the old one did not
  std::int64_t at = 0;
};
// Inside the save's write transaction: watches the page for its author, extends or begins the
// author's editing session, notifies watchers and the newly mentioned. Returns the people
// notified (their unread counts changed).
std::vector<Id> AfterSave(Connection& c, IdGenerator& ids, const SavedChange& change);

// A space's change in a follower's home feed: one editing session.
struct ChangeItem {
  Id key = 0;  // the feed's order (time-ordered)
  Id session = 0;
  PageRef page;
  Id space_id = 0;
  std::string space_handle, space_name;
  Id author = 0;
  int from_revision = 0, to_revision = 0;
  std::int64_t saves = 0;
  std::string summary;
  std::int64_t started_at = 0, updated_at = 0;
};
// The editing sessions in spaces `viewer` watches, by others, of pages they may read, with
// keys below `before`, newest first.
std::vector<ChangeItem> WatchedChanges(Connection& c, const content::Viewer& viewer, Id before, int limit);

// For a notification about `page` made at `since`: the revision before the first one saved
// at or after it, and the current one (nullopt when nothing was saved since: the notification
// is about a mention or comment).
std::optional<std::pair<int, int>> ChangeSince(Connection& c, Id page, std::int64_t since);
// The mail's view of it (notifications::ChangeDetail): the unified diff's lines, at most
// kMailChangedLines changed ones.
std::optional<notifications::ChangeLines> MailChange(Connection& c, Id page, std::int64_t since);
inline constexpr std::int64_t kMailChangedLines = 40;

}  // namespace agora::wiki
