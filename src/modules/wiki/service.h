// The wiki (issue 19): spaces, pages in a tree, saves that merge instead of overwriting,
// history, diffs, restores, and the links between pages both ways. Pages are content
// (model.h): the one audience rule decides who reads them. No HTTP types. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/files/model.h"
#include "modules/identity/model.h"
#include "modules/wiki/blame.h"
#include "modules/wiki/book.h"
#include "modules/wiki/diff.h"
#include "modules/wiki/import_source.h"
#include "modules/wiki/merge.h"
#include "modules/wiki/model.h"
#include "modules/wiki/page_cache.h"
#include "store/database.h"

namespace agora::wiki {

struct NewSpace {
  std::string name, handle, description;
  SpaceKind kind = SpaceKind::kOrganization;
  std::string community;             // handle or id, for a community's space
  std::vector<std::string> members;  // handles or ids: a people space's first readers
  Editing editing = Editing::kReaders;
};

struct SpaceChange {
  std::optional<std::string> name, description;
  std::optional<Editing> editing;
};

struct NewPage {
  std::string title, body, summary;
  std::string language;      // content/language.h; "" = not known
  std::optional<Id> parent;  // a page of the same space; none: at the top
};

// A save names the revision it began from; the server merges what was saved since.
struct PageSave {
  std::string body, summary;
  int base_revision = 0;
};

struct SaveOutcome {
  std::optional<PageView> page;        // saved (or nothing to save)
  bool merged = false;                 // another save came in between, and both are kept
  bool changed = false;                // a new revision was made
  std::vector<MergePassage> conflict;  // not saved: the passages both changed
  int current_revision = 0;            // the revision to begin from again after a conflict
  std::string current_body;            // its text
};

// Move, rename, reorder; page owners and review dates.
struct PageChange {
  std::optional<std::string> title;
  std::optional<std::optional<Id>> parent;  // a new parent, or the top (nullopt inside)
  std::optional<std::int64_t> position;
  std::optional<std::optional<std::string>> owner;          // a person's handle or id, or none
  std::optional<std::optional<std::int64_t>> review_by;  // ms since the epoch, or none
};

struct SpacePage {
  std::vector<SpaceView> items;
  std::optional<std::string> next_cursor;
};
struct RefPage {
  std::vector<PageRef> items;
  std::optional<std::string> next_cursor;
};
struct RevisionPage {
  std::vector<Revision> items;
  std::optional<std::string> next_cursor;
};
struct BrokenLinkPage {
  std::vector<BrokenLink> items;
  std::optional<std::string> next_cursor;
};

// Who wrote what (blame.h), from the page's last kBlameRevisions revisions.
struct BlameView {
  int revision = 0;       // the current one
  int first_revision = 1;  // the first followed: lines older than it are credited to it
  std::vector<BlameParagraph> paragraphs;
};

// What an import made (import_source.h), for its report.
struct ImportReport {
  std::int64_t pages = 0, revisions = 0, redirects = 0;
  std::vector<std::string> skipped;         // "Title: why it was not made"
  std::vector<std::string> left_out;        // what the source held that was not brought
  std::vector<std::string> unknown_people;  // authors with no account here: their revisions are the importer's
};

struct Member {
  people::Card person;
  Role role = Role::kReader;
};

class WikiService {
 public:
  // `bus` hears whose notifications a change made (kNotified: live unread counts).
  WikiService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, bus::Bus* bus = nullptr)
      : db_(db), ids_(ids), clock_(clock), bus_(bus), pages_(clock) {}

  // Keeps the page cache exact (page_cache.h): moves, renames and deletions of pages
  // (kWikiTreeChanged), people's cards and names (kProfileChanged, kAccountChanged).
  void Apply(const bus::Event& e);

  // Members and admins make organization and people spaces; a community's owners and
  // moderators its space. The maker is its owner; a home page named after it is made with it.
  Result<SpaceView> CreateSpace(const identity::Principal& who, const NewSpace& in);
  Result<SpaceView> GetSpace(const content::Viewer& viewer, std::string_view key);
  // The spaces the viewer may see, the most recently changed first; a community's (its Wiki
  // tab) when `community` is given (404 for one they may not see).
  Result<SpacePage> Spaces(const content::Viewer& viewer, std::string_view community, std::string_view cursor, int limit);
  Result<SpaceView> ChangeSpace(const identity::Principal& who, std::string_view space, const SpaceChange& ch, const std::string& ip);
  // Owners give roles; `role` nullopt takes a person's away. A space keeps an owner. Audited.
  Result<SpaceView> SetRole(const identity::Principal& who, std::string_view space, std::string_view person, std::optional<Role> role,
                            const std::string& ip);
  Result<std::vector<Member>> Members(const content::Viewer& viewer, std::string_view space);

  Result<PageView> CreatePage(const identity::Principal& who, std::string_view space, const NewPage& in);
  // By its address in the space: its slug, or a name it had (redirected_from says which).
  Result<PageView> GetPage(const content::Viewer& viewer, std::string_view space, std::string_view slug);
  Result<PageView> GetPage(const content::Viewer& viewer, Id page);
  // A new revision from `base_revision`, merged three-way with whatever was saved since;
  // overlapping changes come back as a conflict and nothing is saved.
  Result<SaveOutcome> Save(const identity::Principal& who, Id page, const PageSave& in);
  Result<PageView> Change(const identity::Principal& who, Id page, const PageChange& ch);
  // Its children go to its parent; links to it show as missing. Audited.
  Status DeletePage(const identity::Principal& who, Id page, const std::string& ip);

  Result<RevisionPage> History(const content::Viewer& viewer, Id page, std::string_view cursor, int limit);
  Result<Revision> GetRevision(const content::Viewer& viewer, Id page, int number);
  // From one revision to another (to: 0 = the current one).
  Result<std::vector<DiffHunk>> Diff(const content::Viewer& viewer, Id page, int from, int to);
  // A book of pages as the viewer reads them (book.h): a page (`below`: with the pages below
  // it, in the tree's order), or the whole space when `page` is none. At most kMaxBookPages
  // (422 naming `scope` beyond). Bylines and dates in `language`.
  Result<Book> MakeBook(const content::Viewer& viewer, std::string_view space, std::optional<Id> page, bool below);

  // Who wrote each paragraph of the current revision.
  Result<BlameView> Blame(const content::Viewer& viewer, Id page);
  // The text of an old revision saved as a new one.
  Result<SaveOutcome> Restore(const identity::Principal& who, Id page, int number, const std::string& summary);

  // Pages that link here, that the viewer reads, in id order.
  Result<RefPage> Backlinks(const content::Viewer& viewer, Id page, std::string_view cursor, int limit);
  Result<BrokenLinkPage> BrokenLinks(const content::Viewer& viewer, std::string_view space, std::string_view cursor, int limit);
  // A level of the tree (parent nullopt: the top), in order.
  Result<std::vector<PageRef>> Children(const content::Viewer& viewer, std::string_view space, std::optional<Id> parent);
  Result<RefPage> Recent(const content::Viewer& viewer, std::string_view space, std::string_view cursor, int limit);
  // The most read pages (views: readers per day), and the pages due for review (their review
  // date come), the most overdue first.
  Result<RefPage> MostRead(const content::Viewer& viewer, std::string_view space, std::string_view cursor, int limit);
  Result<RefPage> NeedsReview(const content::Viewer& viewer, std::string_view space, std::string_view cursor, int limit);
  // The reader opened the page: counted once per reader a day.
  Status RecordView(const content::Viewer& viewer, Id page);

  // The text rendered as the space would show it (links resolved, nothing saved): the
  // editor's preview. Its editors only.
  Result<std::pair<std::string, std::vector<Heading>>> Preview(const content::Viewer& viewer, std::string_view space,
                                                               const std::string& body);

  // Tells the owners of pages whose review date has come (once per date; notification
  // `wiki_review`, by mail at once unless they chose otherwise). Returns how many pages.
  int RemindDueReviews();

  // Whether `who` may import into the space (its owners and admins); the space as they see it.
  Result<SpaceView> MayImport(const identity::Principal& who, std::string_view space);
  // Makes `source`'s pages in the space with their revisions (authors matched to accounts by
  // handle or name, times kept), a page whose title is taken left as it is; redirects become
  // names of their pages. Twenty-five pages a transaction; `progress` hears (pages done, of).
  // Audited (wiki_space.import).
  Result<ImportReport> Import(const identity::Principal& who, std::string_view space, ImportSource source, const std::string& ip,
                              const std::function<void(size_t, size_t)>& progress);

  // The files attached to the page (uploaded by its writers and linked to from its text),
  // in the order they came; 404 when the viewer may not read it.
  Result<std::vector<files::File>> Attachments(const content::Viewer& viewer, Id page);

  // Whether the viewer may edit the page (404 when they may not read it).
  Result<bool> MayEdit(const content::Viewer& viewer, Id page);

  // Watching (wiki/watch.h): the viewer watches a page, or every page of a space, or stops.
  Result<bool> WatchPage(const identity::Principal& who, Id page, bool on);
  Result<bool> WatchSpace(const identity::Principal& who, std::string_view space, bool on);

  // What a save does once it knows its text, for the seed and imports too: renders, stores
  // the revision, the links and tags. Returns the people it newly mentions who may read the
  // page (to notify). `c` is in a write transaction.
  std::vector<Id> StoreText(agora::store::Connection& c, const Space& space, Page& page, const std::string& body, Id author,
                 const std::string& summary, std::int64_t at);

  // A person as lists show them (a revision's author).
  people::Card Card(Id person);

  static constexpr size_t kMaxBody = 1024 * 1024;  // bytes of Markdown
  static constexpr size_t kMaxSummary = 300;
  static constexpr int kBlameRevisions = 500;
  static constexpr size_t kMaxPageImages = 100;  // pictures a page shows (uploaded, then named by address)
  static constexpr size_t kMaxPageFiles = 100;   // files attached to a page (uploaded, then linked to)

 private:
  // The page as the viewer reads it in its space (which they see). `same_for_all` (if given)
  // says whether its HTML reads the same for every reader (no links to other spaces).
  PageView ViewOf(agora::store::Connection& c, const content::Viewer& viewer, Page p, SpaceView space, bool* same_for_all = nullptr);
  // The same from the page's row without its texts (store::LoadPage with_text false): the
  // kept texts when the page cache has the revision, else loaded, rendered and kept.
  // `generation`: the cache's, read before the row was.
  PageView Readable(agora::store::Connection& c, const content::Viewer& viewer, Page head, SpaceView space, std::uint64_t generation);
  // Keeps what every reader of the view's revision gets (only once it is committed).
  void Keep(PageView& v, std::uint64_t generation);

  void Told(std::vector<Id> people);  // their notifications changed
  void TreeChanged(Id page);          // moved, renamed or deleted (committed): kWikiTreeChanged

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  bus::Bus* bus_;
  PageCache pages_;
};

}  // namespace agora::wiki
