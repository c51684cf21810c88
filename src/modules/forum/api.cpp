// Forum routes: a community's topics, a topic, and following it. Replies are comments on
// the topic's id (/api/v1/content/{id}/comments).
#include "modules/forum/api.h"

#include <boost/json/array.hpp>

#include "core/cursor.h"
#include "core/json.h"
#include "http/response.h"
#include "modules/content/language.h"
#include "modules/forum/json.h"

namespace agora::forum {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Response TopicResponse(int status, const Result<TopicView>& r, Id viewer) {
  return r ? http::Json(status, json::TopicJson(*r, viewer)) : http::Problem(r.error());
}

Id ViewerId(const Request& req) { return req.principal ? req.principal->user.id : 0; }

}  // namespace

void RegisterApi(http::Router& router, ForumService& service) {
  constexpr std::int64_t kBody = 128 * 1024;
  router.Add(Method::kGet, "/api/v1/communities/{id}/topics",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               auto page = service.List(content::ViewerOf(req.principal), req.Param("id"), req.Query("cursor"), *limit);
               if (!page) return http::Problem(page.error());
               boost::json::array items;
               for (const auto& v : page->items) items.push_back(json::TopicJson(v, ViewerId(req)));
               return http::Json(200, http::Page(std::move(items), page->next_cursor));
             });
  router.Add(Method::kPost, "/api/v1/communities/{id}/topics",
             {.access = Access::kUser, .max_body_bytes = kBody, .idempotent = true},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"title", "body", "question", "language"}); !st) return http::Problem(st.error());
               NewTopic in;
               auto declared = agora::json::OptionalString(*body, "language");
               if (!declared) return http::Problem(declared.error());
               auto language = content::WrittenLanguage(*declared, req.principal->user, req.accept_language);
               if (!language) return http::Problem(language.error());
               in.language = *language;
               auto title = agora::json::OptionalString(*body, "title");
               if (!title) return http::Problem(title.error());
               auto text = agora::json::OptionalString(*body, "body");
               if (!text) return http::Problem(text.error());
               auto question = agora::json::OptionalBool(*body, "question");
               if (!question) return http::Problem(question.error());
               in.title = title->value_or("");
               in.body = text->value_or("");
               in.question = question->value_or(false);
               return TopicResponse(201, service.Create(*req.principal, req.Param("id"), in), ViewerId(req));
             });
  router.Add(Method::kGet, "/api/v1/topics/{id}", {.access = Access::kUser},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               return TopicResponse(200, service.Get(content::ViewerOf(req.principal), *id), ViewerId(req));
             });
  router.Add(Method::kPatch, "/api/v1/topics/{id}",
             {.access = Access::kUser, .max_body_bytes = kBody},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"title", "body", "sticky", "locked", "answer_id"}); !st)
                 return http::Problem(st.error());
               TopicChange ch;
               auto title = agora::json::OptionalString(*body, "title");
               if (!title) return http::Problem(title.error());
               ch.title = *title;
               auto text = agora::json::OptionalString(*body, "body");
               if (!text) return http::Problem(text.error());
               ch.body = *text;
               auto sticky = agora::json::OptionalBool(*body, "sticky");
               if (!sticky) return http::Problem(sticky.error());
               ch.sticky = *sticky;
               auto locked = agora::json::OptionalBool(*body, "locked");
               if (!locked) return http::Problem(locked.error());
               ch.locked = *locked;
               if (auto* a = body->if_contains("answer_id")) {
                 if (a->is_null()) {
                   ch.answer_id = std::optional<Id>();
                 } else {
                   auto parsed = a->is_string() ? ParseId(a->as_string()) : std::nullopt;
                   if (!parsed) return http::Problem(Error::Invalid("answer_id", "must be a reply's id, or null"));
                   ch.answer_id = std::optional<Id>(*parsed);
                 }
               }
               return TopicResponse(200, service.Update(*req.principal, *id, ch), ViewerId(req));
             });
  router.Add(Method::kDelete, "/api/v1/topics/{id}",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto st = service.Delete(*req.principal, *id, req.client_ip);
               return st ? http::NoContent() : http::Problem(st.error());
             });
  for (auto method : {Method::kPost, Method::kDelete})
    router.Add(method, "/api/v1/topics/{id}/follow",
               {.access = Access::kUser},
               [&service, method](Request& req) {
                 auto id = http::IdParam(req, "id");
                 if (!id) return http::Problem(id.error());
                 return TopicResponse(200, service.SetFollowing(*req.principal, *id, method == Method::kPost), ViewerId(req));
               });
}

}  // namespace agora::forum
