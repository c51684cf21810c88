#include "modules/communities/search.h"

#include "modules/communities/store.h"

namespace agora::communities {

find::Kind SearchKind() {
  find::Kind kind;
  kind.source = find::TableSource("communities", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto x = store::Load(c, id);
    if (!x) return std::nullopt;
    search::Document d;
    d.key = "community:" + IdToString(id);
    d.kind = "community";
    std::string tags;
    for (const auto& t : x->tags) tags += t + " ";
    d.fields = {{x->name, 5, true}, {x->handle, 3, true, false}, {tags, 3}, {x->description, 1}};
    d.tags = x->tags;
    // Who may know it exists (search_terms.h): its members (by the term their community's
    // content has, so a search holds one term per community), invited and pending people;
    // unless secret, the organization, and alumni for an alumni community.
    d.audience = {"community:" + IdToString(id), "knows:" + IdToString(id)};
    if (!x->secret()) {
      d.audience.push_back("org");
      if (x->alumni) d.audience.push_back("alumni");
    }
    d.container = id;  // in:handle finds the community itself too
    d.created_at = x->created_at;
    d.dated = false;
    d.always = true;  // on every first page, whatever its age (index.h): communities are few
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    auto found = store::FindVisible(c, viewer, IdToString(id));
    if (!found) return std::nullopt;
    const Community& x = found->community;
    find::Shown s;
    s.title = x.name;
    s.subtitle = x.handle;
    s.text = x.description;
    s.url = "/communities/" + x.handle;
    s.community_id = x.id;
    s.created_at = x.created_at;
    return s;
  };
  return kind;
}

}  // namespace agora::communities
