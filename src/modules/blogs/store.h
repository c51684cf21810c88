// SQL for blogs, their writers and their entries.
#pragma once

#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <string_view>
#include <vector>

#include "modules/blogs/model.h"
#include "store/database.h"

namespace agora::blogs::store {

using agora::store::Connection;

void InsertBlog(Connection& c, const Blog& b);
std::optional<Blog> LoadBlog(Connection& c, Id id);
std::optional<Blog> LoadBlogByHandle(Connection& c, std::string_view handle);
std::optional<Blog> PersonalBlogOf(Connection& c, Id person);
bool HandleTaken(Connection& c, std::string_view handle);
// After an entry is published or unpublished: its count of published entries and, when
// `published_at` is given, the time of its newest publication.
void Recount(Connection& c, Id blog, std::optional<std::int64_t> published_at);
// Blogs in the order `sort` says, after the keyset (`before`, the sort's value, and
// `before_id`); the caller filters by who may see them.
std::vector<Blog> Directory(Connection& c, DirectorySort sort, double before, Id before_id, int limit);
// A blog's value in that order (the keyset of the next page).
double SortKey(const Blog& b, DirectorySort sort);

std::optional<Role> RoleOf(Connection& c, Id blog, Id person);
// Every role a person has, by blog, and every blog they follow (people have few of both): read once
// for a page of the directory rather than once per blog.
std::unordered_map<Id, Role> RolesOf(Connection& c, Id person);
std::unordered_set<Id> FollowedBy(Connection& c, Id person);
void PutRole(Connection& c, Id blog, Id person, Role role);
// Owners and editors: the readers of every draft.
std::vector<Id> Editors(Connection& c, Id blog);
// The people credited beside an entry's author, in order.
std::vector<Id> Coauthors(Connection& c, Id entry);
void SetCoauthors(Connection& c, Id entry, const std::vector<Id>& people);
// Everyone with a role: they see the blog whatever its audience.
std::vector<Id> Writers(Connection& c, Id blog);
// The same with their roles, owners first.
std::vector<std::pair<Id, Role>> WritersWithRoles(Connection& c, Id blog);

void InsertEntry(Connection& c, const Entry& e);
void UpdateEntry(Connection& c, const Entry& e);
std::optional<Entry> LoadEntry(Connection& c, Id id);
bool SlugTaken(Connection& c, Id blog, std::string_view slug);
// Who reads the entry, as its state says (model.h): the blog's audience when published,
// its author and the blog's owners and editors when a draft.
void SetEntryAudience(Connection& c, const Entry& e, const Blog& blog);
// The entries of a blog in one state, newest first (published: by publication), readable by
// the viewer, after the keyset.
std::vector<Entry> EntriesOf(Connection& c, const content::Viewer& viewer, Id blog, EntryState state, std::int64_t before_at,
                             Id before_id, int limit);

// Published entries the viewer may read, newest publication first: one author's across
// every blog, or those with a hashtag.
std::vector<Entry> PublishedBy(Connection& c, const content::Viewer& viewer, Id author, int limit);
std::vector<Entry> PublishedWithTag(Connection& c, const content::Viewer& viewer, std::string_view tag, int limit);

// An entry of the blog was published, edited, unpublished or deleted (Blog::changed_at).
void Changed(Connection& c, Id blog, std::int64_t now);
// Following a blog, recommending an entry, counting its readers: each changes its count with
// it; false when there was nothing to change.
bool Follows(Connection& c, Id blog, Id person);
bool SetFollowing(Connection& c, Id blog, Id person, bool on, std::int64_t now);
bool Recommended(Connection& c, Id entry, Id person);
bool SetRecommended(Connection& c, Id entry, Id person, bool on, std::int64_t now);
bool AddReader(Connection& c, Id entry, Id person);
bool AddView(Connection& c, Id entry, Id person, std::int64_t day);
// The entry's new rank, and its blog's with it (the sum of its entries').
void SetRank(Connection& c, const Entry& e, double rank);

// Its name, description and comment policy.
void UpdateBlog(Connection& c, const Blog& b);
// The blog an entry is in.
std::optional<Id> BlogOfEntry(Connection& c, Id entry);
// People one of whose comments its moderators approved (hold_first lets theirs through).
bool TrustsCommenter(Connection& c, Id blog, Id person);
void TrustCommenter(Connection& c, Id blog, Id person);
// The comments held on its entries, oldest first.
std::vector<Id> HeldComments(Connection& c, Id blog, int limit);

// Published entries the viewer may read, newest first, before (at, id): of a blog, by an
// author (credited as co-author too), with a tag, or any of these together.
struct ArchiveFilter {
  std::optional<Id> blog, author;
  std::string tag;  // normalized, without '#'; "" for any
};
std::vector<Entry> Archive(Connection& c, const content::Viewer& viewer, const ArchiveFilter& f, std::int64_t before_at,
                           Id before_id, int limit);
// A blog's commonest tags among its published entries, with how many carry each.
std::vector<std::pair<std::string, std::int64_t>> TagsOf(Connection& c, Id blog, int limit);

// The blogs a person follows that have entries, with their newest publication's time, the
// most recent first.
std::vector<std::pair<Id, std::int64_t>> FollowedBlogs(Connection& c, Id person);
// A blog's published entries (id, publication time) the viewer may read, published at or
// before `until`, newest first.
std::vector<std::pair<Id, std::int64_t>> NewestOf(Connection& c, const content::Viewer& viewer, Id blog, std::int64_t until, int limit);
// A community's blogs, oldest first.
std::vector<Id> BlogsOfCommunity(Connection& c, Id community);

}  // namespace agora::blogs::store
