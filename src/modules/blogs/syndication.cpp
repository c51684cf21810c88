#include "modules/blogs/syndication.h"

#include <algorithm>

#include "core/markdown.h"
#include "i18n/messages.h"
#include "modules/blogs/paths.h"
#include "modules/blogs/store.h"
#include "modules/blogs/visibility.h"
#include "modules/comments/store.h"
#include "modules/content/audience.h"
#include "modules/content/body.h"
#include "modules/content/store.h"
#include "modules/people/store.h"

namespace agora::blogs {
namespace {

using agora::store::Connection;

// Each entry with its blog (looked up once per blog), author and hashtags.
std::vector<FeedItem> ItemsOf(Connection& c, std::vector<Entry> entries, std::int64_t& updated) {
  std::vector<FeedItem> out;
  std::vector<Blog> blogs;
  for (auto& e : entries) {
    auto known = std::find_if(blogs.begin(), blogs.end(), [&](const Blog& b) { return b.id == e.blog_id; });
    if (known == blogs.end()) {
      auto b = store::LoadBlog(c, e.blog_id);
      if (!b) continue;
      blogs.push_back(std::move(*b));
      known = blogs.end() - 1;
    }
    FeedItem item;
    item.id = e.head.id;
    item.title = e.title;
    item.path = EntryPath(*known, e);
    item.summary = e.excerpt;
    item.html = content::NameMentions(c, std::move(e.body_html));
    item.published = e.published_at.value_or(e.head.created_at);
    item.updated = std::max(item.published, e.head.edited_at.value_or(0));
    item.author = people::store::CardOf(c, e.head.author_id);
    for (Id co : store::Coauthors(c, e.head.id)) item.coauthors.push_back(people::store::CardOf(c, co));
    item.tags = content::store::Tags(c, e.head.id);
    updated = std::max(updated, item.updated);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

Result<FeedContent> BlogSyndication::OfBlog(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<FeedContent> {
    auto blog = FindVisible(c, viewer, key);
    if (!blog) return blog.error();
    FeedContent f;
    f.key = "blog:" + IdToString(blog->blog.id);
    f.title = blog->blog.name;
    f.subtitle = blog->blog.description;
    f.page_path = "/blogs/" + blog->blog.handle;
    f.updated = blog->blog.created_at;
    auto entries = store::EntriesOf(c, viewer, blog->blog.id, EntryState::kPublished, INT64_MAX, INT64_MAX, kEntries);
    f.items = ItemsOf(c, std::move(entries), f.updated);
    return f;
  });
}

Result<std::optional<Blog>> BlogSyndication::SharedFeedOf(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<std::optional<Blog>> {
    auto blog = FindVisible(c, viewer, key);
    if (!blog) return blog.error();
    if (!Sees(c, viewer, blog->blog, std::nullopt)) return std::optional<Blog>();
    return std::optional<Blog>(blog->blog);
  });
}

Result<FeedContent> BlogSyndication::OfAuthor(const content::Viewer& viewer, std::string_view person, std::string_view language) {
  return db_.Read([&](Connection& c) -> Result<FeedContent> {
    std::optional<Id> id = ParseId(person);
    if (!id) id = people::store::FindIdByHandle(c, std::string(person));
    auto card = id ? people::store::LoadCard(c, *id) : std::nullopt;
    if (!card) return Error::NotFound("no such person");
    FeedContent f;
    f.key = "author:" + IdToString(card->id);
    f.title = messages::Format(language, "feed.author_title", {{"name", card->display_name}});
    f.page_path = "/people/" + card->handle;
    f.items = ItemsOf(c, store::PublishedBy(c, viewer, card->id, kEntries), f.updated);
    // A person who may not be shown to this reader (one with no account sees only public
    // writers) has no feed here: an empty feed would still say they exist.
    if (f.items.empty() && !viewer.signed_in()) return Error::NotFound("no such person");
    return f;
  });
}

Result<FeedContent> BlogSyndication::OfTag(const content::Viewer& viewer, std::string_view raw, std::string_view language) {
  const std::string tag = markdown::NormalizeTag(raw);
  if (tag.empty()) return Error::NotFound("no such hashtag");
  return db_.Read([&](Connection& c) -> Result<FeedContent> {
    FeedContent f;
    f.key = "tag:" + tag;
    f.title = messages::Format(language, "feed.tag_title", {{"tag", tag}});
    f.page_path = "/tags/" + tag;
    f.items = ItemsOf(c, store::PublishedWithTag(c, viewer, tag, kEntries), f.updated);
    return f;
  });
}

Result<FeedContent> BlogSyndication::CommentsOf(const content::Viewer& viewer, Id id, std::string_view language) {
  if (!viewer.signed_in()) return Error::NotFound("no such entry");
  return db_.Read([&](Connection& c) -> Result<FeedContent> {
    auto e = store::LoadEntry(c, id);
    if (!e || !content::CanRead(c, viewer, e->head)) return Error::NotFound("no such entry");
    auto blog = store::LoadBlog(c, e->blog_id);
    if (!blog) return Error::NotFound("no such entry");
    FeedContent f;
    f.key = "comments:" + IdToString(id);
    f.title = messages::Format(language, "feed.comments_title", {{"title", e->title}});
    f.page_path = AppPath(*blog, *e);
    f.updated = e->published_at.value_or(e->head.created_at);
    for (auto& m : comments::store::Newest(c, id, kEntries)) {
      FeedItem item;
      item.id = m.id;
      item.author = people::store::CardOf(c, m.author_id);
      item.title = messages::Format(language, "feed.comment_title", {{"name", item.author.display_name}, {"title", e->title}});
      item.path = f.page_path + "#comment-" + IdToString(m.id);
      item.html = content::NameMentions(c, std::move(m.body_html));
      item.published = m.created_at;
      item.updated = m.edited_at.value_or(m.created_at);
      f.updated = std::max(f.updated, item.updated);
      f.items.push_back(std::move(item));
    }
    return f;
  });
}

}  // namespace agora::blogs
