#include <boost/json/array.hpp>

#include "core/clock.h"
#include "core/cursor.h"
#include "core/json.h"
#include "http/response.h"
#include "modules/notifications/api.h"
#include "modules/people/json.h"

namespace agora::notifications {
namespace {
using http::Access;
using http::Method;
using http::Request;
using http::Response;

boost::json::value OptId(const std::optional<Id>& id) {
  return id ? boost::json::value(IdToString(*id)) : boost::json::value(nullptr);
}

boost::json::object SettingsJson(const Settings& s) {
  boost::json::object o;
  for (const auto& [kind, on] : s.kinds) o[KindName(kind)] = on;
  return o;
}

// {"mention": false, ...}: 422 naming an unknown kind or a value that is not true/false.
Result<Settings> ParseSettings(const boost::json::object& o) {
  Settings s;
  for (const auto& [key, value] : o) {
    auto kind = ParseKind(key);
    if (!kind) return Error::Invalid(std::string(key), "is not a kind of notification");
    if (!value.is_bool()) return Error::Invalid(std::string(key), "must be true or false");
    s.kinds.emplace_back(*kind, value.get_bool());
  }
  return s;
}
boost::json::object DeliveryJson(const DeliverySettings& s) {
  boost::json::object o;
  for (const auto& [kind, d] : s.kinds) o[KindName(kind)] = DeliveryName(d);
  return o;
}

// {"mention": "email", "reaction": "weekly", ...}
Result<DeliverySettings> ParseDeliverySettings(const boost::json::object& o) {
  DeliverySettings s;
  for (const auto& [key, value] : o) {
    auto kind = ParseKind(key);
    if (!kind) return Error::Invalid(std::string(key), "is not a kind of notification");
    auto d = value.is_string() ? ParseDelivery(value.get_string()) : std::nullopt;
    if (!d) return Error::Invalid(std::string(key), "must be one of app, email, daily, weekly, off");
    s.kinds.emplace_back(*kind, *d);
  }
  return s;
}
}  // namespace

void RegisterApi(http::Router& router, NotificationService& service, UnsubscribeLinks& unsubscribe) {
  router.Add(Method::kGet, "/api/v1/notifications/delivery",
             {.access = Access::kUser},
             [&service](Request& req) { return http::Json(200, DeliveryJson(service.GetDelivery(req.principal->user.id))); });

  router.Add(Method::kPut, "/api/v1/notifications/delivery",
             {.access = Access::kUser, .max_body_bytes = 4096},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto s = ParseDeliverySettings(*body);
               if (!s) return http::Problem(s.error());
               return http::Json(200, DeliveryJson(service.PutDelivery(req.principal->user.id, *s)));
             });

  // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here without cookies; the web
  // page of the link in the mail's footer posts here too. The token is a secret path segment
  // (never logged).
  router.Add(Method::kPost, "/api/v1/mail/unsubscribe/{token}",
             {.access = Access::kPublic, .max_body_bytes = 1024},
             [&unsubscribe](Request& req) {
               auto st = unsubscribe.Apply(req.Param("token"));
               return st ? http::NoContent() : http::Problem(st.error());
             });

  router.Add(Method::kGet, "/api/v1/notifications",
             {.access = Access::kUser},
             [&service](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               auto page = service.List(*req.principal, req.Query("cursor"), *limit);
               if (!page) return http::Problem(page.error());
               boost::json::array items;
               for (const auto& item : page->items) {
                 const auto& n = item.n;
                 items.push_back({{"id", IdToString(n.id)},
                                  {"kind", KindName(n.kind)},
                                  {"actor", people::json::CardJson(item.actor)},
                                  {"actor_count", n.actor_count},
                                  {"content_id", OptId(n.content_id)},
                                  {"comment_id", OptId(n.comment_id)},
                                  {"community_id", OptId(n.community_id)},
                                  {"created_at", FormatRfc3339(n.created_at)},
                                  {"updated_at", FormatRfc3339(n.updated_at)},
                                  {"read", n.read},
                                  {"content_kind", item.content_kind.empty() ? boost::json::value(nullptr) : boost::json::value(item.content_kind)},
                                  {"snippet", item.snippet},
                                  {"reaction", item.reaction.empty() ? boost::json::value(nullptr) : boost::json::value(item.reaction)},
                                  {"community", item.community_handle.empty()
                                                    ? boost::json::value(nullptr)
                                                    : boost::json::value{{"handle", item.community_handle}, {"name", item.community_name}}}});
               }
               auto o = http::Page(std::move(items), page->next_cursor);
               o["unread"] = page->unread;
               return http::Json(200, o);
             });

  router.Add(Method::kPost, "/api/v1/notifications/read",
             {.access = Access::kUser, .max_body_bytes = 64 * 1024},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"ids", "all"}); !st) return http::Problem(st.error());
               auto all = agora::json::OptionalBool(*body, "all");
               if (!all) return http::Problem(all.error());
               auto ids = http::IdArrayField(*body, "ids");
               if (!ids) return http::Problem(ids.error());
               if (ids->empty() && !all->value_or(false))
                 return http::Problem(Error::Invalid("ids", "list the notifications to mark, or send \"all\": true"));
               return http::Json(200, boost::json::object{{"unread", service.MarkRead(*req.principal, *ids)}});
             });

  router.Add(Method::kGet, "/api/v1/notifications/settings",
             {.access = Access::kUser},
             [&service](Request& req) { return http::Json(200, SettingsJson(service.GetSettings(*req.principal))); });

  router.Add(Method::kPut, "/api/v1/notifications/settings",
             {.access = Access::kUser, .max_body_bytes = 4096},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto s = ParseSettings(*body);
               if (!s) return http::Problem(s.error());
               return http::Json(200, SettingsJson(service.PutSettings(*req.principal, *s)));
             });
}

}  // namespace agora::notifications
