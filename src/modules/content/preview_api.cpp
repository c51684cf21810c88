#include "modules/content/preview_api.h"

#include <boost/json/object.hpp>

#include "http/response.h"
#include "modules/content/body.h"

namespace agora::content {

void RegisterPreviewApi(http::Router& router, agora::store::Database& db) {
  // As long as the longest text written in Markdown (a blog entry's, blogs/service.h).
  constexpr size_t kMaxChars = 100'000;
  router.Add(http::Method::kPost, "/api/v1/markdown", {.access = http::Access::kUser, .max_body_bytes = 512 * 1024},
             [&db](http::Request& req) {
               auto text = http::OnlyStringField(req, "body");
               if (!text) return http::Problem(text.error());
               auto body = CheckBody(*text, "body", kMaxChars, true);
               if (!body) return http::Problem(body.error());
               auto html = db.Read([&](agora::store::Connection& c) { return NameMentions(c, RenderBody(c, *body).html); });
               return http::Json(200, boost::json::object{{"html", html}});
             });
}

}  // namespace agora::content
