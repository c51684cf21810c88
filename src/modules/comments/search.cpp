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
    if (!m) return std::nullopt;
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
    if (!m) return std::nullopt;
    auto head = content::LoadReadable(c, viewer, m->content_id);
    if (!head) return std::nullopt;
    find::Shown s;
    s.text = m->body;
    // On the page of what it is on (forum topics have theirs).
    s.url = std::string(head->kind == "topic" ? "/topics/" : "/posts/") + IdToString(m->content_id) + "#comment-" +
            IdToString(id);
    s.author_id = m->author_id;
    s.community_id = head->container_id;
    s.created_at = m->created_at;
    return s;
  };
  return kind;
}

}  // namespace agora::comments
