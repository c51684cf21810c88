// What each Atom feed of blogs holds for one reader (feeds_api.cpp writes it as Atom): a
// blog's newest published entries, an author's across blogs, those with a hashtag, and an
// entry's newest comments. Every entry is one the reader may read (the one audience rule);
// a reader with no account reads only public ones. No HTTP types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/blogs/model.h"
#include "store/database.h"

namespace agora::blogs {

struct FeedItem {
  Id id = 0;
  std::string title;
  std::string path;  // where a person reads it (paths.h)
  std::string summary, html;
  std::int64_t published = 0, updated = 0;
  people::Card author;
  std::vector<people::Card> coauthors;
  std::vector<std::string> tags;
};

struct FeedContent {
  std::string key;  // what the feed is, for its id: "blog:12", "author:45", "tag:kubernetes", "comments:99"
  std::string title, subtitle;
  std::string page_path;  // the page it follows
  std::int64_t updated = 0;  // its newest change
  std::vector<FeedItem> items;
};

class BlogSyndication {
 public:
  explicit BlogSyndication(agora::store::Database& db) : db_(db) {}

  // `language`: the reader's, for the few words the server writes (feed titles).
  Result<FeedContent> OfBlog(const content::Viewer& viewer, std::string_view blog);
  // A blog's published entries are the same for everyone who reads its audience: for such a
  // reader, the blog (its changed_at versions its feed), which a feed made for one of them
  // may be kept for all; nullopt for a reader who sees the blog only by their role in it.
  // 404 for a blog the viewer may not see.
  Result<std::optional<Blog>> SharedFeedOf(const content::Viewer& viewer, std::string_view blog);
  Result<FeedContent> OfAuthor(const content::Viewer& viewer, std::string_view person, std::string_view language);
  Result<FeedContent> OfTag(const content::Viewer& viewer, std::string_view tag, std::string_view language);
  // Signed-in readers only (a token's): the world never reads who commented.
  Result<FeedContent> CommentsOf(const content::Viewer& viewer, Id entry, std::string_view language);

  static constexpr int kEntries = 50;

 private:
  agora::store::Database& db_;
};

}  // namespace agora::blogs
