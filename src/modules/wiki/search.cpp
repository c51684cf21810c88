#include "modules/wiki/search.h"

#include "modules/content/audience.h"
#include "modules/content/search_terms.h"
#include "modules/content/store.h"
#include "modules/wiki/store.h"
#include "modules/wiki/visibility.h"

namespace agora::wiki {

find::Kind PageSearchKind() {
  find::Kind kind;
  kind.source = find::ContentSource("wiki_page", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto p = store::LoadPage(c, id);
    if (!p) return std::nullopt;
    search::Document d;
    d.key = "wiki_page:" + IdToString(id);
    d.kind = "wiki_page";
    d.language = p->head.language;
    std::string headings;
    for (const auto& h : p->toc) headings += h.text + "\n";
    d.fields = {{p->title, 5}, {headings, 3}, {p->body, 1}};
    d.audience = content::SearchTerms(c, p->head);
    d.tags = content::store::Tags(c, id);
    d.author = p->head.author_id;
    d.container = p->head.container_id.value_or(0);
    d.created_at = p->updated_at;
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    auto p = store::LoadPage(c, id);
    if (!p || !content::CanRead(c, viewer, p->head)) return std::nullopt;
    auto space = store::LoadSpace(c, p->space_id);
    if (!space) return std::nullopt;
    if (!SeesSpace(c, viewer, *space)) return std::nullopt;
    find::Shown s;
    s.title = p->title;
    s.subtitle = space->name;
    s.text = p->body;
    s.url = "/wiki/" + space->handle + "/" + p->slug;
    s.author_id = p->head.author_id;
    if (space->community_id) s.community_id = *space->community_id;
    s.created_at = p->updated_at;
    return s;
  };
  return kind;
}

find::Kind SpaceSearchKind() {
  find::Kind kind;
  kind.source = find::TableSource("wiki_spaces", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto s = store::LoadSpace(c, id);
    if (!s) return std::nullopt;
    search::Document d;
    d.key = "wiki_space:" + IdToString(id);
    d.kind = "wiki_space";
    d.fields = {{s->name, 5, true}, {s->handle, 3, true, false}, {s->description, 1}};
    // Who reads its pages (a page's content row has these terms), and its members by name.
    content::ContentHead as_page;
    as_page.audience = s->audience == content::Audience::kRestricted ? content::Audience::kPrivate : s->audience;
    as_page.author_id = s->created_by;
    as_page.container_id = s->community_id;
    d.audience = content::SearchTerms(c, as_page);
    for (const auto& [person, role] : store::Members(c, id)) d.audience.push_back("person:" + IdToString(person));
    d.container = s->community_id.value_or(0);
    d.created_at = s->created_at;
    d.dated = false;
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    auto found = FindVisibleSpace(c, viewer, IdToString(id));
    if (!found) return std::nullopt;
    const Space& s = found->space;
    find::Shown out;
    out.title = s.name;
    out.subtitle = s.handle;
    out.text = s.description;
    out.url = "/wiki/" + s.handle;
    if (s.community_id) out.community_id = *s.community_id;
    out.created_at = s.created_at;
    return out;
  };
  return kind;
}

}  // namespace agora::wiki
