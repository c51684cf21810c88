// Blogs (issue 18): personal blogs made on first use, shared blogs with roles, entries with
// drafts and publication, the blog directory. Entries are content (model.h): the one audience
// rule decides who reads them. No HTTP types. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/blogs/comment_moderation.h"
#include "modules/blogs/model.h"
#include "modules/content/store.h"
#include "modules/identity/model.h"
#include "modules/images/service.h"
#include "store/database.h"

namespace agora::blogs {

struct NewBlog {
  std::string name, handle, description;
  content::Audience audience = content::Audience::kOrganization;
  std::string community;  // handle or id, for audience community
};

// A blog's owners change what they name (nullopt: as it is).
struct BlogChange {
  std::optional<std::string> name, description;
  std::optional<CommentPolicy> comment_policy;
};

struct NewEntry {
  std::string title, body, excerpt;
  std::string language;  // content/language.h; "" = not known
  bool publish = false;  // at once, when the writer may publish
  std::vector<std::string> coauthors = {};  // handles or ids of the blog's writers credited beside the author
  std::optional<Id> cover_image = std::nullopt;  // an upload of the writer's (entry_images.h)
};

struct EntryChange {
  std::optional<std::string> title, body, excerpt;
  // The version the writer began from (If-Match): when another save came in between, the
  // edit is refused (412) and nothing is lost; nullopt saves over whatever is there.
  std::optional<std::int64_t> from_version;
  std::optional<std::vector<std::string>> coauthors;  // all of them (none: [])
  std::optional<std::optional<Id>> cover_image;        // a new cover, or none (nullopt inside)
};

struct ArchiveQuery {
  std::string blog, author, tag;  // "" for any
};

struct BlogPage {
  std::vector<BlogView> items;
  std::optional<std::string> next_cursor;
};

struct EntryPage {
  std::vector<EntryView> items;
  std::optional<std::string> next_cursor;
};

class BlogService {
 public:
  // `bus` hears of the notifications a publication causes, after they commit.
  // `images`, when given, removes the files of a deleted entry's pictures.
  BlogService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, bus::Bus* bus = nullptr,
              images::ImageService* images = nullptr)
      : db_(db), ids_(ids), clock_(clock), bus_(bus), images_(images) {}

  // The person's own blog, made on first use (named after them, at their handle); members
  // and admins only. `created` says whether this call made it.
  Result<BlogView> MyBlog(const identity::Principal& who, bool* created = nullptr);
  // A shared blog, its creator its owner. A community's blog is made by its owners and
  // moderators and read by the community's readers.
  Result<BlogView> Create(const identity::Principal& who, const NewBlog& in);
  // By handle or id; 404 for what the viewer may not see.
  Result<BlogView> Get(const content::Viewer& viewer, std::string_view key);
  // Every blog the viewer may see: the most recently published first, the most followed, or
  // the most recommended (rank.h).
  Result<BlogPage> Directory(const content::Viewer& viewer, DirectorySort sort, std::string_view cursor, int limit);
  // Its owners rename it, describe it, and say what becomes of comments. Audited.
  Result<BlogView> Change(const identity::Principal& who, std::string_view blog, const BlogChange& ch, const std::string& ip);
  // The comments waiting on its entries (comment_moderation.h).
  Result<std::vector<HeldComment>> HeldComments(const content::Viewer& viewer, std::string_view blog) {
    return blogs::HeldComments(db_, viewer, blog);
  }
  // A community's blogs (its Blog tab), oldest first; 404 for a community the viewer may not see.
  Result<std::vector<BlogView>> OfCommunity(const content::Viewer& viewer, std::string_view community);
  // Following a blog (its entries in the follower's notifications). Idempotent.
  Result<BlogView> Follow(const identity::Principal& who, std::string_view blog, bool on);
  // Owners give roles (a person's handle or id); `role` empty takes theirs away. A blog
  // always keeps an owner. Audited.
  Result<BlogView> SetRole(const identity::Principal& who, std::string_view blog, std::string_view person, std::optional<Role> role,
                           const std::string& ip);
  // Its writers with their roles, owners first: whoever sees the blog sees who writes it.
  Result<std::vector<Writer>> Writers(const content::Viewer& viewer, std::string_view blog);

  // Its writers write entries; contributors' stay drafts until an editor publishes them.
  Result<EntryView> Write(const identity::Principal& who, std::string_view blog, const NewEntry& in);
  Result<EntryView> Get(const content::Viewer& viewer, Id entry);
  // A person's newest published entries the viewer may read, across blogs, co-authored ones
  // too (their profile's list; the author feed has the same).
  // 404 for a person the reader may not see (people/policy.h: guests see few).
  Result<std::vector<EntryView>> ByAuthor(const identity::Principal& who, std::string_view person, int limit);
  // Published entries the reader may read, newest first, of a blog, by an author (credited as
  // co-author too) or with a tag (keys as in the address: handles or ids, a tag with or without
  // '#'), or any of these together. 404 for a blog or person the reader may not see.
  Result<EntryPage> Archive(const identity::Principal& who, const ArchiveQuery& q, std::string_view cursor, int limit);
  // Published entries of the blogs `viewer` follows that they may read, newest publication
  // first, each with its feed key (FeedKey) below `before`: the home feed's (home_feed.h).
  std::vector<std::pair<Id, EntryView>> FollowedEntries(agora::store::Connection& c, const content::Viewer& viewer, Id before,
                                                        int limit);
  // An id of the time the entry was published (core/ids.h's layout, its own id's low bits):
  // where it sorts among posts' ids in a feed.
  static Id FeedKey(const Entry& e);
  // A blog's commonest tags (at most 30) with how many of its published entries carry each.
  Result<std::vector<std::pair<std::string, std::int64_t>>> Tags(const content::Viewer& viewer, std::string_view blog);
  // Published entries (newest publication first) or, for its writers, drafts they may read.
  Result<EntryPage> Entries(const content::Viewer& viewer, std::string_view blog, EntryState state, std::string_view cursor, int limit);
  // Its author and the blog's owners and editors; each change of the text is kept (history).
  Result<EntryView> Edit(const identity::Principal& who, Id entry, const EntryChange& change);
  // Every text the entry has had, the first first and the current last: for those who may
  // edit it (403 for its other readers).
  Result<std::vector<content::store::Revision>> History(const content::Viewer& viewer, Id entry);
  // Owners and editors publish any entry, authors their own; unpublishing makes it a draft.
  // `at` a time to come: the entry stays a draft, scheduled, until PublishDue publishes it.
  Result<EntryView> SetPublished(const identity::Principal& who, Id entry, bool published,
                                 std::optional<std::int64_t> at = std::nullopt);
  // Publishes the scheduled entries whose time has come, as the people who scheduled them
  // (a schedule whose maker may no longer publish ends unpublished). How many it published.
  int PublishDue();
  // Its author, the blog's owners and editors, or an admin (audited when not the author).
  Status Delete(const identity::Principal& who, Id entry, const std::string& ip);
  // A reader recommends a published entry (not their own); idempotent. Recommending counts
  // as having read it.
  Result<EntryView> Recommend(const identity::Principal& who, Id entry, bool on);
  // The reader opened the entry: counted once per reader and once per reader a day.
  Status RecordView(const content::Viewer& viewer, Id entry);

  static constexpr size_t kMaxTitle = 200;
  static constexpr size_t kMaxExcerpt = 500;
  static constexpr size_t kMaxBody = 100'000;

 private:
  std::optional<EntryView> ViewOf(agora::store::Connection& c, const content::Viewer& viewer, Entry e);

  void Notified(Id actor, std::vector<Id> people);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  bus::Bus* bus_ = nullptr;
  images::ImageService* images_ = nullptr;
};

}  // namespace agora::blogs
