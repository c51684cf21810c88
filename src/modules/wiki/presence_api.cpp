#include "modules/wiki/presence_api.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "http/response.h"
#include "modules/people/json.h"

namespace agora::wiki {
namespace {

using http::Access;
using http::Method;
using http::Request;

boost::json::object EditorsJson(WikiService& service, EditingPresence& presence, Id page) {
  boost::json::array editors;
  for (Id person : presence.Editors(page)) editors.push_back(people::json::CardJson(service.Card(person)));
  return {{"page_id", IdToString(page)}, {"editors", std::move(editors)}, {"expires_in_ms", EditingPresence::kTtlMs}};
}

// The page's readers showing it now hear who edits it (every heartbeat renews it for them).
boost::json::object Tell(WikiService& service, EditingPresence& presence, live::StreamHub& hub, Id page) {
  auto body = EditorsJson(service, presence, page);
  std::vector<Id> people;
  for (const auto& r : hub.Watchers(page)) people.push_back(r.user);
  if (!people.empty()) hub.SendToMany(people, "wiki.editing", boost::json::serialize(body));
  return body;
}

}  // namespace

void RegisterPresenceApi(http::Router& router, WikiService& service, EditingPresence& presence, live::StreamHub& hub) {
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}/editing", {.access = Access::kUser}, [&](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto may = service.MayEdit(content::ViewerOf(req.principal), *id);
    if (!may) return http::Problem(may.error());
    return http::Json(200, EditorsJson(service, presence, *id));
  });
  router.Add(Method::kPut, "/api/v1/wiki/pages/{id}/editing", {.access = Access::kUser}, [&](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto may = service.MayEdit(content::ViewerOf(req.principal), *id);
    if (!may) return http::Problem(may.error());
    if (!*may) return http::Problem(Error::Forbidden("only the space's editors edit its pages"));
    presence.Mark(*id, req.principal->user.id);
    return http::Json(200, Tell(service, presence, hub, *id));
  });
  router.Add(Method::kDelete, "/api/v1/wiki/pages/{id}/editing", {.access = Access::kUser}, [&](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    if (presence.Clear(*id, req.principal->user.id)) Tell(service, presence, hub, *id);
    return http::NoContent();
  });
}

}  // namespace agora::wiki
