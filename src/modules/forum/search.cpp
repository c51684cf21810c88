#include "modules/forum/search.h"

#include "modules/content/audience.h"
#include "modules/content/search_terms.h"
#include "modules/content/store.h"
#include "modules/forum/store.h"

namespace agora::forum {

find::Kind SearchKind() {
  find::Kind kind;
  kind.source = find::ContentSource("topic", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto t = store::Load(c, id);
    if (!t) return std::nullopt;
    search::Document d;
    d.key = "topic:" + IdToString(id);
    d.kind = "topic";
    d.language = t->head.language;
    d.fields = {{t->title, 4}, {t->body, 1}};
    d.audience = content::SearchTerms(c, t->head);
    d.tags = content::store::Tags(c, id);
    d.author = t->head.author_id;
    d.container = t->community_id;
    d.created_at = t->head.created_at;
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    auto t = store::Load(c, id);
    if (!t || !content::CanRead(c, viewer, t->head)) return std::nullopt;
    find::Shown s;
    s.title = t->title;
    s.text = t->body;
    s.url = "/topics/" + IdToString(id);
    s.author_id = t->head.author_id;
    s.community_id = t->community_id;
    s.created_at = t->head.created_at;
    return s;
  };
  return kind;
}

}  // namespace agora::forum
