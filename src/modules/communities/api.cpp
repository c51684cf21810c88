// Community routes: the directory, a community, membership and moderation.
#include "modules/communities/api.h"

#include <boost/json/array.hpp>

#include <charconv>

#include "core/clock.h"
#include "core/cursor.h"
#include "core/json.h"
#include "http/response.h"
#include "modules/communities/json.h"
#include "modules/people/json.h"

namespace agora::communities {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Result<std::optional<std::vector<std::string>>> OptionalTags(const boost::json::object& o) {
  auto* v = o.if_contains("tags");
  if (!v || v->is_null()) return std::optional<std::vector<std::string>>();
  if (!v->is_array()) return Error::Invalid("tags", "tags must be an array of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < v->as_array().size(); ++i) {
    const auto& t = v->as_array()[i];
    if (!t.is_string()) return Error::Invalid("tags[" + std::to_string(i) + "]", "must be a string");
    out.emplace_back(t.as_string());
  }
  return std::optional(out);
}

Result<CommunityChange> ParseChange(const boost::json::object& o) {
  CommunityChange ch;
  for (auto [field, target] : {std::pair{"name", &ch.name}, {"handle", &ch.handle}, {"description", &ch.description}}) {
    auto v = agora::json::OptionalString(o, field);
    if (!v) return v.error();
    *target = *v;
  }
  auto type = agora::json::OptionalString(o, "type");
  if (!type) return type.error();
  if (*type) {
    ch.type = ParseType(**type);
    if (!ch.type) return Error::Invalid("type", "must be open, moderated or restricted");
  }
  for (auto [field, target] : {std::pair{"listed", &ch.listed}, {"allow_guests", &ch.allow_guests}, {"alumni", &ch.alumni}}) {
    auto v = agora::json::OptionalBool(o, field);
    if (!v) return v.error();
    *target = *v;
  }
  auto tags = OptionalTags(o);
  if (!tags) return tags.error();
  ch.tags = *tags;
  return ch;
}

// A create or change body: only the community's own keys.
Result<CommunityChange> ParseBody(const Request& req) {
  auto body = http::JsonBody(req);
  if (!body) return body.error();
  if (auto st = agora::json::OnlyKeys(*body, {"name", "handle", "description", "type", "listed", "allow_guests", "alumni", "tags"});
      !st)
    return st.error();
  return ParseChange(*body);
}

Response CommunityResponse(int status, const Result<CommunityView>& r) {
  return r ? http::Json(status, json::CommunityJson(*r)) : http::Problem(r.error());
}

}  // namespace

void RegisterApi(http::Router& router, CommunityService& service, PictureService& pictures, InvitationService& invitations,
                 people::PeopleService& people) {
  router.Add(Method::kGet, "/api/v1/invitations/{token}",
             {.access = Access::kPublic},
             [&invitations](Request& req) {
               auto info = invitations.Lookup(req.Param("token"));
               if (!info) return http::Problem(info.error());
               return http::Json(200, boost::json::object{{"community", boost::json::object{{"name", info->community_name}}},
                                                          {"email", info->email},
                                                          {"expires_at", FormatRfc3339(info->expires_at)}});
             });
  router.Add(Method::kPost, "/api/v1/invitations/{token}/accept",
             {.access = Access::kPublic, .max_body_bytes = 16 * 1024},
             [&invitations](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"display_name", "password"}); !st) return http::Problem(st.error());
               auto name = agora::json::RequiredString(*body, "display_name");
               if (!name) return http::Problem(name.error());
               auto password = agora::json::RequiredString(*body, "password");
               if (!password) return http::Problem(password.error());
               auto user = invitations.Accept(req.Param("token"), *name, *password);
               if (!user) return http::Problem(user.error());
               return http::Json(201, boost::json::object{{"id", IdToString(user->id)}, {"email", user->email},
                                                          {"role", "guest"}});
             });
  for (const char* which : {"avatar", "banner"}) {
    const Picture picture = *ParsePicture(which);
    const std::string base = std::string("/api/v1/communities/{id}/") + which;
    // Decoding and re-encoding takes tens of milliseconds: the worker pool, not an I/O thread.
    router.Add(Method::kPut, base,
               {.access = Access::kUser, .max_body_bytes = PictureService::kMaxUploadBytes, .work = http::Work::kImage},
               [&service, &pictures, picture](Request& req) {
                 auto st = pictures.Set(*req.principal, req.Param("id"), picture, req.content_type, req.body);
                 if (!st) return http::Problem(st.error());
                 return CommunityResponse(200, service.Get(content::ViewerOf(req.principal), req.Param("id")));
               });
    router.Add(Method::kDelete, base,
               {.access = Access::kUser},
               [&pictures, picture](Request& req) {
                 auto st = pictures.Remove(*req.principal, req.Param("id"), picture);
                 return st ? http::NoContent() : http::Problem(st.error());
               });
    router.Add(Method::kGet, base + "/{size}",
               {.access = Access::kUser},
               [&pictures, picture](Request& req) {
                 auto size_text = req.Param("size");
                 int size = 0;
                 auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size);
                 if (ec != std::errc() || end != size_text.data() + size_text.size()) size = 0;
                 auto found = pictures.Read(content::ViewerOf(req.principal), req.Param("id"), picture, size);
                 if (!found) return http::Problem(found.error());
                 Response r;
                 r.content_type = "image/webp";
                 r.body = std::move(found->second);
                 std::string v = req.Query("v");
                 r.cache_control = v.size() >= 16 && found->first.starts_with(v) ? "private, max-age=31536000, immutable"
                                                                                  : "private, no-cache";
                 return r;
               });
  }
  constexpr std::int64_t kBody = 64 * 1024;
  router.Add(Method::kPost, "/api/v1/communities",
             {.access = Access::kUser, .max_body_bytes = kBody, .idempotent = true},
             [&service](Request& req) {
               auto ch = ParseBody(req);
               if (!ch) return http::Problem(ch.error());
               NewCommunity in;
               in.name = ch->name.value_or("");
               in.handle = ch->handle.value_or("");
               in.description = ch->description.value_or("");
               if (!ch->type) return http::Problem(Error::Invalid("type", "must be open, moderated or restricted"));
               in.type = *ch->type;
               in.listed = ch->listed.value_or(true);
               in.allow_guests = ch->allow_guests.value_or(false);
               in.alumni = ch->alumni.value_or(false);
               in.tags = ch->tags.value_or(std::vector<std::string>{});
               return CommunityResponse(201, service.Create(*req.principal, in));
             });
  router.Add(Method::kGet, "/api/v1/communities",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               auto page = service.Directory(content::ViewerOf(req.principal), req.Query("q"), req.Query("mine") == "true",
                                             req.Query("cursor"), *limit);
               if (!page) return http::Problem(page.error());
               boost::json::array items;
               for (const auto& v : page->items) items.push_back(json::CommunityJson(v));
               return http::Json(200, http::Page(std::move(items), page->next_cursor));
             });
  router.Add(Method::kGet, "/api/v1/suggestions/communities",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               boost::json::array items;
               for (const auto& v : service.Suggestions(content::ViewerOf(req.principal), std::min(*limit, 20)))
                 items.push_back(json::CommunityJson(v));
               return http::Json(200, boost::json::object{{"items", std::move(items)}});
             });
  router.Add(Method::kGet, "/api/v1/people/{id}/communities",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto person = http::IdParam(req, "id");
               if (!person) return http::Problem(person.error());
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               auto page = service.MemberOf(*req.principal, *person, req.Query("cursor"), *limit);
               if (!page) return http::Problem(page.error());
               boost::json::array items;
               for (const auto& v : page->items) items.push_back(json::CommunityJson(v));
               return http::Json(200, http::Page(std::move(items), page->next_cursor));
             });
  router.Add(Method::kGet, "/api/v1/communities/{id}",
             {.access = Access::kUser},
             [&service](Request& req) {
               return CommunityResponse(200, service.Get(content::ViewerOf(req.principal), req.Param("id")));
             });
  router.Add(Method::kPatch, "/api/v1/communities/{id}",
             {.access = Access::kUser, .max_body_bytes = kBody},
             [&service](Request& req) {
               auto ch = ParseBody(req);
               if (!ch) return http::Problem(ch.error());
               return CommunityResponse(200, service.Update(*req.principal, req.Param("id"), *ch));
             });
  router.Add(Method::kPost, "/api/v1/communities/{id}/join",
             {.access = Access::kUser},
             [&service](Request& req) { return CommunityResponse(200, service.Join(*req.principal, req.Param("id"))); });
  router.Add(Method::kPost, "/api/v1/communities/{id}/leave",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto st = service.Leave(*req.principal, req.Param("id"));
               return st ? http::NoContent() : http::Problem(st.error());
             });
  router.Add(Method::kPut, "/api/v1/communities/{id}/mute",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto m = service.SetMuted(*req.principal, req.Param("id"), true);
               return m ? http::Json(200, json::MembershipJson(*m)) : http::Problem(m.error());
             });
  router.Add(Method::kDelete, "/api/v1/communities/{id}/mute",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto m = service.SetMuted(*req.principal, req.Param("id"), false);
               return m ? http::Json(200, json::MembershipJson(*m)) : http::Problem(m.error());
             });
  for (auto method : {Method::kPut, Method::kDelete})
    router.Add(method, "/api/v1/communities/{id}/pins/{post_id}",
               {.access = Access::kUser},
               [&service, method](Request& req) {
                 auto post = http::IdParam(req, "post_id");
                 if (!post) return http::Problem(post.error());
                 auto st = service.SetPinned(*req.principal, req.Param("id"), *post, method == Method::kPut);
                 return st ? http::NoContent() : http::Problem(st.error());
               });
  router.Add(Method::kGet, "/api/v1/communities/{id}/activity",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto a = service.ActivityOf(content::ViewerOf(req.principal), req.Param("id"));
               if (!a) return http::Problem(a.error());
               auto count = [](const std::optional<std::int64_t>& n) { return n ? boost::json::value(*n) : boost::json::value(nullptr); };
               boost::json::array members;
               for (const auto& m : a->new_members) members.push_back(json::MembershipJson(m));
               return http::Json(200, boost::json::object{{"posts_30d", count(a->posts_30d)},
                                                          {"topics_30d", count(a->topics_30d)},
                                                          {"new_members", std::move(members)}});
             });
  router.Add(Method::kPost, "/api/v1/communities/{id}/invitations",
             {.access = Access::kUser, .max_body_bytes = kBody},
             [&service, &invitations](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"person_id", "email"}); !st) return http::Problem(st.error());
               if (body->contains("email")) {
                 auto email = agora::json::RequiredString(*body, "email");
                 if (!email) return http::Problem(email.error());
                 auto inv = invitations.Invite(*req.principal, req.Param("id"), *email);
                 if (!inv) return http::Problem(inv.error());
                 if (inv->membership) return http::Json(201, json::MembershipJson(*inv->membership));
                 boost::json::object link;
                 link["email"] = inv->email;
                 link["invite_url"] = "/invite#token=" + inv->token;
                 link["expires_at"] = FormatRfc3339(inv->expires_at);
                 link["mailed"] = true;
                 return http::Json(201, link);
               }
               auto raw = agora::json::RequiredString(*body, "person_id");
               if (!raw) return http::Problem(raw.error());
               auto person = ParseId(*raw);
               if (!person) return http::Problem(Error::Invalid("person_id", "must be a person's id"));
               auto m = service.Invite(*req.principal, req.Param("id"), *person);
               return m ? http::Json(201, json::MembershipJson(*m)) : http::Problem(m.error());
             });
  router.Add(Method::kGet, "/api/v1/communities/{id}/members",
             {.access = Access::kUser},
             [&service, &people](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               std::string state_text = req.Query("state");
               auto state = state_text.empty() ? std::optional(State::kActive) : ParseState(state_text);
               if (!state) return http::Problem(Error::Invalid("state", "must be active, pending, invited or banned"));
               auto page = service.Members(content::ViewerOf(req.principal), req.Param("id"), *state, req.Query("cursor"), *limit,
                                           req.Query("q"));
               if (!page) return http::Problem(page.error());
               // Each member with their card (null when the viewer may not see them).
               std::vector<Id> ids;
               for (const auto& m : page->items) ids.push_back(m.person_id);
               auto cards = people.Cards(*req.principal, ids);
               boost::json::array items;
               for (size_t i = 0; i < page->items.size(); ++i) {
                 auto o = json::MembershipJson(page->items[i]);
                 o["person"] = cards[i] ? boost::json::value(people::json::CardJson(*cards[i])) : boost::json::value(nullptr);
                 items.push_back(std::move(o));
               }
               return http::Json(200, http::Page(std::move(items), page->next_cursor));
             });
  router.Add(Method::kPatch, "/api/v1/communities/{id}/members/{person_id}",
             {.access = Access::kUser, .max_body_bytes = kBody},
             [&service](Request& req) {
               auto person = http::IdParam(req, "person_id");
               if (!person) return http::Problem(person.error());
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"role", "state"}); !st) return http::Problem(st.error());
               auto role_text = agora::json::OptionalString(*body, "role");
               if (!role_text) return http::Problem(role_text.error());
               auto state_text = agora::json::OptionalString(*body, "state");
               if (!state_text) return http::Problem(state_text.error());
               std::optional<Role> role;
               std::optional<State> state;
               if (*role_text && !(role = ParseRole(**role_text)))
                 return http::Problem(Error::Invalid("role", "must be owner, moderator or member"));
               if (*state_text && !(state = ParseState(**state_text)))
                 return http::Problem(Error::Invalid("state", "must be active"));
               auto m = service.ChangeMember(*req.principal, req.Param("id"), *person, role, state);
               return m ? http::Json(200, json::MembershipJson(*m)) : http::Problem(m.error());
             });
  router.Add(Method::kDelete, "/api/v1/communities/{id}/members/{person_id}",
             {.access = Access::kUser, .max_body_bytes = kBody},
             [&service](Request& req) {
               auto person = http::IdParam(req, "person_id");
               if (!person) return http::Problem(person.error());
               bool ban = req.Query("ban") == "true";
               if (!req.body.empty()) {
                 auto body = http::JsonBody(req);
                 if (!body) return http::Problem(body.error());
                 if (auto st = agora::json::OnlyKeys(*body, {"ban"}); !st) return http::Problem(st.error());
                 auto b = agora::json::OptionalBool(*body, "ban");
                 if (!b) return http::Problem(b.error());
                 ban = b->value_or(ban);
               }
               auto st = service.RemoveMember(*req.principal, req.Param("id"), *person, ban);
               return st ? http::NoContent() : http::Problem(st.error());
             });
}

}  // namespace agora::communities
