#include <boost/json/array.hpp>

#include "core/cursor.h"
#include "core/json.h"
#include "http/response.h"
#include "modules/comments/api.h"
#include "core/clock.h"
#include "modules/people/json.h"
#include "modules/posts/json.h"

namespace agora::comments {
namespace {
using http::Access;
using http::Method;
using http::Request;
using http::Response;

Response CommentResponse(int status, const Result<CommentView>& v, const Request& req) {
  if (!v) return http::Problem(v.error());
  return http::Json(status, posts::json::CommentJson(*v, content::ViewerOf(req.principal)));
}

Response SummaryResponse(const Result<reactions::Summary>& s) {
  return s ? http::Json(200, posts::json::ReactionsJson(*s)) : http::Problem(s.error());
}
}  // namespace

void RegisterApi(http::Router& router, CommentService& comments, reactions::ReactionService& reactions) {
  constexpr std::int64_t kBody = 64 * 1024;
  router.Add(Method::kGet, "/api/v1/content/{id}/comments",
             {.access = Access::kPublic},
             [&comments](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               auto viewer = content::ViewerOf(req.principal);
               auto page = comments.List(viewer, *id, req.Query("cursor"), *limit);
               if (!page) return http::Problem(page.error());
               boost::json::array items;
               for (const auto& v : page->items) items.push_back(posts::json::CommentJson(v, viewer));
               return http::Json(200, http::Page(std::move(items), page->next_cursor));
             });

  router.Add(Method::kPost, "/api/v1/content/{id}/comments",
             {.access = Access::kUser, .max_body_bytes = kBody, .idempotent = true},
             [&comments](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"body", "reply_to"}); !st) return http::Problem(st.error());
               auto text = agora::json::RequiredString(*body, "body");
               if (!text) return http::Problem(text.error());
               auto reply = agora::json::OptionalString(*body, "reply_to");
               if (!reply) return http::Problem(reply.error());
               std::optional<Id> reply_to;
               if (*reply) {
                 reply_to = ParseId(**reply);
                 if (!reply_to) return http::Problem(Error::Invalid("reply_to", "must be a comment's id"));
               }
               return CommentResponse(201, comments.Create(*req.principal, *id, *text, reply_to), req);
             });

  router.Add(Method::kPatch, "/api/v1/comments/{id}",
             {.access = Access::kUser, .max_body_bytes = kBody},
             [&comments](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto text = http::OnlyStringField(req, "body");
               if (!text) return http::Problem(text.error());
               return CommentResponse(200, comments.Edit(*req.principal, *id, *text), req);
             });

  router.Add(Method::kDelete, "/api/v1/comments/{id}",
             {.access = Access::kUser},
             [&comments](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto st = comments.Delete(*req.principal, *id, req.client_ip);
               return st ? http::NoContent() : http::Problem(st.error());
             });

  router.Add(Method::kPost, "/api/v1/comments/{id}/approval",
             {.access = Access::kUser},
             [&comments](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               return CommentResponse(200, comments.Approve(*req.principal, *id, req.client_ip), req);
             });

  router.Add(Method::kGet, "/api/v1/content/{id}/reactions",
             {.access = Access::kPublic},
             [&reactions](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               auto page = reactions.Who(content::ViewerOf(req.principal), *id, req.Query("kind"), req.Query("cursor"), *limit);
               if (!page) return http::Problem(page.error());
               boost::json::array items;
               for (const auto& r : page->items)
                 items.push_back({{"person", people::json::CardJson(r.person)}, {"kind", r.kind}, {"created_at", FormatRfc3339(r.created_at)}});
               auto o = http::Page(std::move(items), page->next_cursor);
               o["summary"] = posts::json::ReactionsJson(page->summary);
               return http::Json(200, o);
             });

  for (Method m : {Method::kPut, Method::kDelete}) {
    router.Add(m, "/api/v1/content/{id}/reactions/{kind}",
               {.access = Access::kUser},
               [&reactions, m](Request& req) {
                 auto id = http::IdParam(req, "id");
                 if (!id) return http::Problem(id.error());
                 std::string kind(req.Param("kind"));
                 return SummaryResponse(m == Method::kPut ? reactions.React(*req.principal, *id, kind)
                                                          : reactions.Unreact(*req.principal, *id, kind));
               });
  }
}

}  // namespace agora::comments
