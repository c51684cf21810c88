// Blogs (issue 18): a blog for every person (made on first use) and shared blogs with several
// writers, each entry a content row (kind "blog_entry") under the one audience rule.
//
// Who reads an entry is its content row's audience, as for every kind: a published entry
// takes its blog's audience (public, organization, or a community's members); a draft is
// `restricted` to its author and the blog's owners and editors (content_readers), so every
// read path (lists, comments, reactions, search) hides drafts without knowing of them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/content/model.h"
#include "modules/images/model.h"
#include "modules/people/model.h"

namespace agora::blogs {

// owner: everything, roles included; editor: publishes anyone's entries; author: publishes
// their own; contributor: writes drafts an editor publishes.
enum class Role { kOwner, kEditor, kAuthor, kContributor };
std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view s);

// What becomes of readers' comments on its entries (comments/moderation.h): open shows them
// at once; hold_first holds a person's comments until one is approved; hold_all holds each;
// closed takes no more. The blog's writers' comments are never held.
enum class CommentPolicy { kOpen, kHoldFirst, kHoldAll, kClosed };
std::string_view CommentPolicyName(CommentPolicy p);
std::optional<CommentPolicy> ParseCommentPolicy(std::string_view s);

struct Blog {
  Id id = 0;
  std::string handle, name, description;
  std::optional<Id> personal_of;   // a person's own blog
  std::optional<Id> community_id;  // a community's blog: read by its readers
  content::Audience audience = content::Audience::kOrganization;  // public, organization or community
  Id created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;  // its newest publication
  std::int64_t entry_count = 0; // published entries
  std::int64_t follower_count = 0;
  double rank = 0;  // the sum of its entries' ranks (rank.h): "most recommended"
  std::int64_t changed_at = 0;  // when an entry was last published, edited, unpublished or deleted
  CommentPolicy comment_policy = CommentPolicy::kOpen;
};

struct BlogView {
  Blog blog;
  std::optional<Role> mine;  // the reader's role
  bool following = false;    // the reader follows it
};

// How the directory is sorted.
enum class DirectorySort { kUpdated, kFollowers, kRecommended };

// A person with a role in a blog, as its writers' list shows them.
struct Writer {
  people::Card person;
  Role role = Role::kContributor;
};

enum class EntryState { kDraft, kPublished };

struct Entry {
  content::ContentHead head;  // kind "blog_entry"
  Id blog_id = 0;
  std::string title, slug, excerpt, body, body_html;
  EntryState state = EntryState::kDraft;
  std::optional<std::int64_t> published_at;
  std::int64_t recommend_count = 0;
  std::int64_t reader_count = 0;  // people who have read it, each once
  std::int64_t view_count = 0;    // readers per day: a reload is no view
  double rank = 0;                // rank.h
  std::int64_t version = 1;       // one more at each change of its text
  std::optional<std::int64_t> scheduled_at;  // a draft to be published then (scheduler.h)
  std::optional<Id> scheduled_by;
  std::optional<Id> cover_image_id;  // one of its attached images (entry_images.h)
};

struct EntryView {
  Entry entry;
  Blog blog;
  people::Card author;
  std::vector<people::Card> coauthors;  // credited beside the author, in order
  bool can_edit = false;     // the author, the blog's owners and editors
  bool can_publish = false;  // owners and editors; authors their own
  bool recommended = false;  // by the reader
  std::optional<images::Image> cover;
};

}  // namespace agora::blogs
