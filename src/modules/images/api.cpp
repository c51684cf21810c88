// Image routes: upload (the picture is the request body, ?alt= its text) and renditions.
#include "modules/images/api.h"

#include <charconv>

#include "http/response.h"
#include "modules/images/json.h"

namespace agora::images {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

void RegisterApi(http::Router& router, ImageService& service) {
  // Decoding and re-encoding takes tens of milliseconds: the worker pool, not an I/O thread.
  router.Add(Method::kPost, "/api/v1/images",
             {.access = Access::kUser, .max_body_bytes = kMaxUploadBytes, .work = http::Work::kImage},
             [&service](Request& req) {
               auto image = service.Upload(*req.principal, req.content_type, req.body, req.Query("alt"));
               if (!image) return http::Problem(image.error());
               return http::Json(201, json::ImageJson(*image));
             });
  router.Add(Method::kGet, "/api/v1/images/{id}/{size}",
             {.access = Access::kPublic},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto size_text = req.Param("size");
               int size = 0;
               auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size);
               if (ec != std::errc() || end != size_text.data() + size_text.size()) size = 0;
               auto bytes = service.Read(content::ViewerOf(req.principal), *id, size);
               if (!bytes) return http::Problem(bytes.error());
               Response r;
               r.content_type = "image/webp";
               r.body = std::move(*bytes);
               // An image id always names the same pixels.
               r.cache_control = "private, max-age=31536000, immutable";
               return r;
             });
}

}  // namespace agora::images
