#include "modules/posts/search.h"

#include "modules/content/audience.h"
#include "modules/content/search_terms.h"
#include "modules/content/store.h"
#include "modules/posts/store.h"

namespace agora::posts {

find::Kind SearchKind() {
  find::Kind kind;
  kind.source = find::ContentSource("post", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto p = store::Load(c, id);
    if (!p) return std::nullopt;
    search::Document d;
    d.key = "post:" + IdToString(id);
    d.kind = "post";
    d.language = p->head.language;
    d.fields = {{p->body, 1}};
    d.audience = content::SearchTerms(c, p->head);
    d.tags = content::store::Tags(c, id);
    d.author = p->head.author_id;
    d.container = p->head.container_id.value_or(0);
    d.created_at = p->head.created_at;
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    auto p = store::Load(c, id);
    if (!p || !content::CanRead(c, viewer, p->head)) return std::nullopt;
    find::Shown s;
    s.text = p->body;
    s.url = "/posts/" + IdToString(id);
    s.author_id = p->head.author_id;
    s.community_id = p->head.container_id;
    s.created_at = p->head.created_at;
    return s;
  };
  return kind;
}

}  // namespace agora::posts
