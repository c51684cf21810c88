// Profile photo routes: upload (the image is the request body), removal, and the renditions.
#include <charconv>

#include "http/response.h"
#include "modules/people/api.h"
#include "modules/people/json.h"

namespace agora::people {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Response Upload(PeopleService& people, PhotoService& photos, Request& req, Id target) {
  auto key = photos.Set(target, req.content_type, req.body, req.principal->user.id);
  if (!key) return http::Problem(key.error());
  auto view = people.Get(*req.principal, IdToString(target));
  return view ? http::Json(200, json::ProfileJson(*view, *req.principal)) : http::Problem(view.error());
}

}  // namespace

void RegisterPhotoApi(http::Router& router, PeopleService& people, PhotoService& photos) {
  // Decoding and re-encoding takes tens of milliseconds: the worker pool, not an I/O thread.
  const http::RouteOptions upload{.access = Access::kUser, .max_body_bytes = PhotoService::kMaxUploadBytes,
                                  .work = http::Work::kImage};
  router.Add(Method::kPut, "/api/v1/people/me/photo", upload, [&](Request& req) {
    return Upload(people, photos, req, req.principal->user.id);
  });
  router.Add(Method::kDelete, "/api/v1/people/me/photo", {.access = Access::kUser},
             [&](Request& req) {
               auto st = photos.Remove(req.principal->user.id, req.principal->user.id);
               return st ? http::NoContent() : http::Problem(st.error());
             });
  // Admins replace or remove anyone's photo (e.g. one that breaks the rules).
  router.Add(Method::kPut, "/api/v1/people/{id}/photo",
             {.access = Access::kAdmin, .max_body_bytes = PhotoService::kMaxUploadBytes, .work = http::Work::kImage},
             [&](Request& req) {
               // A person who does not exist is 404 before the image is decoded.
               auto id = people.ResolveVisible(*req.principal, req.Param("id"));
               return id ? Upload(people, photos, req, *id) : http::Problem(id.error());
             });
  router.Add(Method::kDelete, "/api/v1/people/{id}/photo",
             {.access = Access::kAdmin},
             [&](Request& req) {
               auto id = people.ResolveVisible(*req.principal, req.Param("id"));
               if (!id) return http::Problem(id.error());
               auto st = photos.Remove(*id, req.principal->user.id);
               return st ? http::NoContent() : http::Problem(st.error());
             });

  router.Add(Method::kGet, "/api/v1/people/{id}/photo/{size}",
             {.access = Access::kUser},
             [&](Request& req) {
               // The audience rule first: a photo is part of the profile.
               auto id = people.ResolveVisible(*req.principal, req.Param("id"));
               if (!id) return http::Problem(id.error());
               auto size_text = req.Param("size");
               int size = 0;
               auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size);
               if (ec != std::errc() || end != size_text.data() + size_text.size() || !PhotoService::IsSize(size))
                 return http::Problem(Error::NotFound("photos come in sizes 64, 256 and 512"));
               std::string key = photos.KeyOf(*id);
               auto bytes = key.empty() ? std::nullopt : photos.Rendition(key, size);
               if (!bytes) return http::Problem(Error::NotFound("this person has no photo"));
               Response r;
               r.content_type = "image/webp";
               r.body = std::move(*bytes);
               // A URL carrying the current key never changes content; others must revalidate.
               std::string v = req.Query("v");
               r.cache_control = !v.empty() && key.starts_with(v) && v.size() >= 16 ? "private, max-age=31536000, immutable"
                                                                                    : "private, no-cache";
               return r;
             });
}

}  // namespace agora::people
