#include "modules/feed/api.h"

#include <boost/json/array.hpp>

#include "core/cursor.h"
#include "http/response.h"
#include "modules/posts/json.h"

namespace agora::feed {
namespace {
using http::Access;
using http::Method;
using http::Request;
using http::Response;

// Items come serialized (most of each from the post cache): joined, not reparsed.
Response PageResponse(const Page& page) {
  http::Response r;
  r.body = "{\"items\":[";
  for (size_t i = 0; i < page.items.size(); ++i) {
    if (i) r.body += ',';
    r.body += page.items[i];
  }
  r.body += page.next_cursor ? "],\"next_cursor\":\"" + *page.next_cursor + "\"}" : std::string("],\"next_cursor\":null}");
  return r;
}

Response TagResponse(const Result<TagInfo>& t) {
  if (!t) return http::Problem(t.error());
  return http::Json(200, boost::json::object{{"tag", t->tag}, {"followed_by_me", t->followed}});
}
}  // namespace

void RegisterApi(http::Router& router, FeedService& feed) {
  router.Add(Method::kGet, "/api/v1/feed",
             {.access = Access::kPublic},
             [&feed](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               auto source = ParseSource(req.Query("source"));
               if (!source) return http::Problem(source.error());
               auto page = feed.Read(content::ViewerOf(req.principal), *source, req.Query("cursor"), *limit);
               if (!page) return http::Problem(page.error());
               return PageResponse(*page);
             });
  router.Add(Method::kGet, "/api/v1/communities/{id}/pins",
             {.access = Access::kUser},
             [&feed](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto page = feed.Pinned(content::ViewerOf(req.principal), *id);
               return page ? PageResponse(*page) : http::Problem(page.error());
             });

  router.Add(Method::kGet, "/api/v1/trends/hashtags",
             {.access = Access::kUser},
             [&feed](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               boost::json::array items;
               for (const auto& t : feed.Trending(content::ViewerOf(req.principal), std::min(*limit, 20)))
                 items.push_back({{"tag", t.tag}, {"posts", t.posts}});
               return http::Json(200, boost::json::object{{"items", std::move(items)}});
             });
  router.Add(Method::kGet, "/api/v1/tags/{tag}", {.access = Access::kPublic},
             [&feed](Request& req) { return TagResponse(feed.Tag(content::ViewerOf(req.principal), req.Param("tag"))); });
  router.Add(Method::kPost, "/api/v1/tags/{tag}/follow", {.access = Access::kUser},
             [&feed](Request& req) { return TagResponse(feed.FollowTag(*req.principal, req.Param("tag"))); });
  router.Add(Method::kDelete, "/api/v1/tags/{tag}/follow", {.access = Access::kUser},
             [&feed](Request& req) { return TagResponse(feed.UnfollowTag(*req.principal, req.Param("tag"))); });
}

}  // namespace agora::feed
