#include "modules/comments/search.h"

#include "modules/comments/store.h"
#include "modules/content/audience.h"
#include "modules/content/search_terms.h"
#include "modules/content/store.h"

namespace agora::comments {

find::Kind SearchKind() {
  find::Kind kind;
  kind.source = find::TableSource("comments", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto m = store::Load(c, id);
    if (!m || m->held) return std::nullopt;  // found once approved (moderation.h)
    auto head = content::store::LoadHead(c, m->content_id);
    if (!head) return std::nullopt;
    search::Document d;
    d.key = "comment:" + IdToString(id);
    d.kind = "comment";
    d.language = head->language;
    d.fields = {{m->body, 1}};
    d.audience = content::SearchTerms(c, *head);
    d.author = m->author_id;
    d.container = head->container_id.value_or(0);
    d.created_at = m->created_at;
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    auto m = store::Load(c, id);
    if (!m || m->held) return std::nullopt;
    auto head = content::LoadReadable(c, viewer, m->content_id);
    if (!head) return std::nullopt;
    find::Shown s;
    s.text = m->body;
    // On the page of what it is on (forum topics and blog entries have theirs).
    const char* page = head->kind == "topic" ? "/topics/" : head->kind == "blog_entry" ? "/blog-entries/" : "/posts/";
    s.url = page + IdToString(m->content_id) + "#comment-" + IdToString(id);
    s.author_id = m->author_id;
    s.community_id = head->container_id;
    s.created_at = m->created_at;
    return s;
  };
  return kind;
}

}  // namespace agora::comments
