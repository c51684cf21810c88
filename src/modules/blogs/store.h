// SQL for blogs, their writers and their entries.
#pragma once

#include <optional>
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
// Blogs by newest publication, after the keyset (`before_at`, `before_id`); the caller
// filters by who may see them.
std::vector<Blog> Directory(Connection& c, std::int64_t before_at, Id before_id, int limit);

std::optional<Role> RoleOf(Connection& c, Id blog, Id person);
void PutRole(Connection& c, Id blog, Id person, Role role);
// Owners and editors: the readers of every draft.
std::vector<Id> Editors(Connection& c, Id blog);
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

}  // namespace agora::blogs::store
