#include "modules/posts/api.h"

#include <boost/json/array.hpp>

#include "core/clock.h"
#include "core/json.h"
#include "http/response.h"
#include "modules/content/language.h"
#include "modules/posts/json.h"

namespace agora::posts {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Result<NewPost> ParseNewPost(const boost::json::object& o) {
  if (auto st = agora::json::OnlyKeys(o, {"body", "audience", "people", "image_ids", "share_of", "community_id", "language"}); !st) return st.error();
  NewPost p;
  auto body = agora::json::OptionalString(o, "body");
  if (!body) return body.error();
  p.body = body->value_or("");
  auto audience = agora::json::OptionalString(o, "audience");
  if (!audience) return audience.error();
  if (*audience) {
    auto a = content::ParseAudience(**audience);
    if (!a) return Error::Invalid("audience", "must be public, organization, community or restricted");
    p.audience = *a;
  }
  auto people = http::IdArrayField(o, "people");
  if (!people) return people.error();
  p.people = *people;
  auto images = http::IdArrayField(o, "image_ids");
  if (!images) return images.error();
  if (images->size() > images::kMaxPerContent)
    return Error::TooMany("image_ids", static_cast<std::int64_t>(images::kMaxPerContent), "images");
  p.image_ids = *images;
  auto community = agora::json::OptionalString(o, "community_id");
  if (!community) return community.error();
  if (*community) {
    p.community_id = ParseId(**community);
    if (!p.community_id) return Error::Invalid("community_id", "must be a community's id");
  }
  auto share = agora::json::OptionalString(o, "share_of");
  if (!share) return share.error();
  if (*share) {
    auto id = ParseId(**share);
    if (!id) return Error::Invalid("share_of", "must be a post's id");
    p.share_of = *id;
  }
  return p;
}

Response PostResponse(int status, const Result<PostView>& v, const content::Viewer& viewer) {
  if (!v) return http::Problem(v.error());
  auto r = http::Json(status, json::PostJson(*v, viewer));
  if (status == 201) r.headers.emplace_back("Location", "/api/v1/posts/" + IdToString(v->post.head.id));
  return r;
}

}  // namespace

void RegisterApi(http::Router& router, PostService& service) {
  constexpr std::int64_t kBody = 64 * 1024;
  router.Add(Method::kPost, "/api/v1/posts",
             {.access = Access::kUser, .max_body_bytes = kBody, .idempotent = true},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto in = ParseNewPost(*body);
               if (!in) return http::Problem(in.error());
               auto declared = agora::json::OptionalString(*body, "language");
               if (!declared) return http::Problem(declared.error());
               auto language = content::WrittenLanguage(*declared, req.principal->user, req.accept_language);
               if (!language) return http::Problem(language.error());
               in->language = *language;
               return PostResponse(201, service.Create(*req.principal, *in), content::ViewerOf(req.principal));
             });

  router.Add(Method::kGet, "/api/v1/posts/{id}",
             {.access = Access::kPublic},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto viewer = content::ViewerOf(req.principal);
               return PostResponse(200, service.Get(viewer, *id), viewer);
             });

  router.Add(Method::kPatch, "/api/v1/posts/{id}",
             {.access = Access::kUser, .max_body_bytes = kBody},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto text = http::OnlyStringField(req, "body");
               if (!text) return http::Problem(text.error());
               return PostResponse(200, service.Edit(*req.principal, *id, *text), content::ViewerOf(req.principal));
             });

  router.Add(Method::kDelete, "/api/v1/posts/{id}",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto st = service.Delete(*req.principal, *id, req.client_ip);
               return st ? http::NoContent() : http::Problem(st.error());
             });

  router.Add(Method::kGet, "/api/v1/posts/{id}/revisions",
             {.access = Access::kPublic},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto revisions = service.History(content::ViewerOf(req.principal), *id);
               if (!revisions) return http::Problem(revisions.error());
               boost::json::array items;
               for (const auto& r : *revisions)
                 items.push_back({{"revision", r.number}, {"body", r.body}, {"created_at", FormatRfc3339(r.created_at)}});
               return http::Json(200, http::Page(std::move(items), std::nullopt));
             });
}

}  // namespace agora::posts
