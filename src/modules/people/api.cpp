#include "modules/people/api.h"

#include "core/collation.h"
#include "core/cursor.h"
#include "http/response.h"
#include "modules/people/json.h"

namespace agora::people {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Response Cards(const std::vector<Card>& cards, const std::optional<std::string>& next) {
  boost::json::array items;
  for (const auto& c : cards) items.push_back(json::CardJson(c));
  return http::Json(200, http::Page(std::move(items), next));
}

Response UpdateProfile(PeopleService& service, Request& req, Id target) {
  auto body = http::JsonBody(req);
  if (!body) return http::Problem(body.error());
  auto change = json::ParseChange(*body);
  if (!change) return http::Problem(change.error());
  auto view = service.Update(*req.principal, target, *change);
  return view ? http::Json(200, json::ProfileJson(*view, *req.principal)) : http::Problem(view.error());
}

// Resolves {id} (an id, a handle or "me") for the routes below.
template <typename F>
Response WithTarget(PeopleService& service, Request& req, F&& f) {
  auto id = service.Resolve(*req.principal, req.Param("id"));
  if (!id) return http::Problem(id.error());
  return f(*id);
}

}  // namespace

void RegisterApi(http::Router& router, PeopleService& service) {
  constexpr std::int64_t kBody = 64 * 1024;
  router.Add(Method::kGet, "/api/v1/people",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               DirectoryRequest r{req.Query("q"), req.Query("department"), req.Query("country"),
                                  req.Query("expertise"), req.Query("cursor"), *limit};
               // Names sort as the reader's language expects: ?locale= or the browser's languages.
               std::string locale = req.Query("locale");
               r.order = locale.empty() ? collation::ForAcceptLanguage(req.accept_language) : collation::ForLanguage(locale);
               auto page = service.Directory(*req.principal, r);
               if (!page) return http::Problem(page.error());
               boost::json::array items;
               for (size_t i = 0; i < page->items.size(); ++i) {
                 auto card = json::CardJson(page->items[i]);
                 if (i < page->endorsements.size()) card["endorsements"] = page->endorsements[i];
                 items.push_back(std::move(card));
               }
               return http::Json(200, http::Page(std::move(items), page->next_cursor));
             });

  router.Add(Method::kGet, "/api/v1/suggestions/people",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               boost::json::array items;
               for (const auto& s : service.Suggestions(*req.principal, std::min(*limit, 20))) {
                 auto card = json::CardJson(s.card);
                 card["reason"] = s.reason;
                 items.push_back(std::move(card));
               }
               return http::Json(200, boost::json::object{{"items", std::move(items)}});
             });
  router.Add(Method::kGet, "/api/v1/departments",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto list = service.Departments(*req.principal);
               if (!list) return http::Problem(list.error());
               boost::json::array items;
               for (const auto& d : *list) items.push_back({{"name", d.name}, {"people", d.people}});
               return http::Json(200, boost::json::object{{"items", std::move(items)}});
             });

  // "me" is registered before "{id}" so it wins for PATCH.
  router.Add(Method::kPatch, "/api/v1/people/me",
             {.access = Access::kUser, .max_body_bytes = kBody},
             [&service](Request& req) { return UpdateProfile(service, req, req.principal->user.id); });

  router.Add(Method::kGet, "/api/v1/people/{id}",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto view = service.Get(*req.principal, req.Param("id"));
               if (!view && view.error().code == ErrorCode::kNotFound) {
                 // An old handle: send the client to the person's current one.
                 if (auto current = service.CurrentHandleFor(*req.principal, req.Param("id"))) {
                   Response r;
                   r.status = 301;
                   r.content_type.clear();
                   r.headers.emplace_back("Location", "/api/v1/people/" + *current);
                   return r;
                 }
               }
               if (!view) return http::Problem(view.error());
               Response r;
               r.body = json::ProfileBody(*view, *req.principal);
               return r;
             });

  router.Add(Method::kPatch, "/api/v1/people/{id}",
             {.access = Access::kAdmin, .max_body_bytes = kBody},
             [&service](Request& req) {
               return WithTarget(service, req, [&](Id id) { return UpdateProfile(service, req, id); });
             });

  router.Add(Method::kPost, "/api/v1/people/{id}/follow", {.access = Access::kUser},
             [&service](Request& req) {
               return WithTarget(service, req, [&](Id id) {
                 auto st = service.Follow(*req.principal, id);
                 return st ? http::NoContent() : http::Problem(st.error());
               });
             });

  router.Add(Method::kDelete, "/api/v1/people/{id}/follow", {.access = Access::kUser},
             [&service](Request& req) {
               return WithTarget(service, req, [&](Id id) {
                 auto st = service.Unfollow(*req.principal, id);
                 return st ? http::NoContent() : http::Problem(st.error());
               });
             });

  for (const char* which : {"followers", "following"}) {
    bool followers = std::string_view(which) == "followers";
    router.Add(Method::kGet, std::string("/api/v1/people/{id}/") + which,
               {.access = Access::kUser},
               [&service, followers](Request& req) {
                 return WithTarget(service, req, [&](Id id) {
                   auto limit = ParseLimit(req.Query("limit"));
                   if (!limit) return http::Problem(limit.error());
                   auto page = followers ? service.Followers(*req.principal, id, req.Query("cursor"), *limit)
                                         : service.Following(*req.principal, id, req.Query("cursor"), *limit);
                   return page ? Cards(page->items, page->next_cursor) : http::Problem(page.error());
                 });
               });
  }

  for (Method m : {Method::kPut, Method::kDelete}) {
    router.Add(m, "/api/v1/people/{id}/expertise/{tag}/endorsement",
               {.access = Access::kUser},
               [&service, m](Request& req) {
                 return WithTarget(service, req, [&](Id id) {
                   auto st = m == Method::kPut ? service.Endorse(*req.principal, id, req.Param("tag"))
                                               : service.Unendorse(*req.principal, id, req.Param("tag"));
                   return st ? http::NoContent() : http::Problem(st.error());
                 });
               });
  }

  router.Add(Method::kGet, "/api/v1/people/{id}/reports", {.access = Access::kUser},
             [&service](Request& req) {
               return WithTarget(service, req, [&](Id id) {
                 auto cards = service.Reports(*req.principal, id);
                 return cards ? Cards(*cards, std::nullopt) : http::Problem(cards.error());
               });
             });

  router.Add(Method::kGet, "/api/v1/people/{id}/managers",
             {.access = Access::kUser},
             [&service](Request& req) {
               return WithTarget(service, req, [&](Id id) {
                 auto cards = service.Managers(*req.principal, id);
                 return cards ? Cards(*cards, std::nullopt) : http::Problem(cards.error());
               });
             });
}

}  // namespace agora::people
