#include "modules/blogs/search.h"

#include "modules/blogs/store.h"
#include "modules/blogs/visibility.h"
#include "modules/content/audience.h"
#include "modules/content/search_terms.h"
#include "modules/content/store.h"
#include "modules/people/store.h"

namespace agora::blogs {

find::Kind EntrySearchKind() {
  find::Kind kind;
  kind.source = find::ContentSource("blog_entry", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto e = store::LoadEntry(c, id);
    if (!e) return std::nullopt;
    auto blog = store::LoadBlog(c, e->blog_id);
    if (!blog) return std::nullopt;
    search::Document d;
    d.key = "blog_entry:" + IdToString(id);
    d.kind = "blog_entry";
    d.language = e->head.language;
    d.fields = {{e->title, 4}, {e->excerpt, 2}, {e->body, 1}};
    d.audience = content::SearchTerms(c, e->head);
    d.tags = content::store::Tags(c, id);
    d.author = e->head.author_id;
    d.container = blog->community_id.value_or(0);
    d.created_at = e->published_at.value_or(e->head.created_at);
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    auto e = store::LoadEntry(c, id);
    if (!e || !content::CanRead(c, viewer, e->head)) return std::nullopt;
    auto blog = store::LoadBlog(c, e->blog_id);
    if (!blog) return std::nullopt;
    find::Shown s;
    s.title = e->title;
    s.text = e->excerpt.empty() ? e->body : e->excerpt + "\n\n" + e->body;
    s.url = "/blogs/" + blog->handle + "/entries/" + IdToString(id);
    s.author_id = e->head.author_id;
    if (blog->community_id) s.community_id = *blog->community_id;
    s.created_at = e->published_at.value_or(e->head.created_at);
    return s;
  };
  return kind;
}

find::Kind BlogSearchKind() {
  find::Kind kind;
  kind.source = find::TableSource("blogs", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto b = store::LoadBlog(c, id);
    if (!b) return std::nullopt;
    search::Document d;
    d.key = "blog:" + IdToString(id);
    d.kind = "blog";
    // Found by its name, its description, who writes it and what it writes about (the
    // directory's search): its writers' names and its commonest tags are fields too.
    std::string writers, topics;
    for (Id writer : store::Writers(c, id)) writers += people::store::CardOf(c, writer).display_name + "\n";
    for (const auto& [tag, count] : store::TagsOf(c, id, 30)) {
      topics += tag + " ";
      d.tags.push_back(tag);
    }
    d.fields = {{b->name, 5, true}, {b->handle, 3, true, false}, {b->description, 1}, {writers, 2, false, false}, {topics, 2}};
    // Who reads its published entries (a content row with the blog's audience would have
    // these terms), and its writers by name.
    content::ContentHead as_content;
    as_content.audience = b->audience;
    as_content.author_id = b->created_by;
    as_content.container_id = b->community_id;
    d.audience = content::SearchTerms(c, as_content);
    for (Id writer : store::Writers(c, id)) d.audience.push_back("person:" + IdToString(writer));
    d.container = b->community_id.value_or(0);
    d.created_at = b->created_at;
    d.dated = false;
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    auto found = FindVisible(c, viewer, IdToString(id));
    if (!found) return std::nullopt;
    const Blog& b = found->blog;
    find::Shown s;
    s.title = b.name;
    s.subtitle = b.handle;
    s.text = b.description;
    s.url = "/blogs/" + b.handle;
    if (b.community_id) s.community_id = *b.community_id;
    s.created_at = b.created_at;
    return s;
  };
  return kind;
}

}  // namespace agora::blogs
