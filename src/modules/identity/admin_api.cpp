#include <algorithm>

#include "core/cursor.h"
#include "core/json.h"
#include "http/response.h"
#include "modules/identity/api.h"
#include "modules/identity/json.h"

namespace agora::identity {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Actor ActorOf(const Request& req) { return {req.principal->user.id, req.client_ip}; }

Result<Role> RoleField(const boost::json::object& body) {
  auto role = agora::json::RequiredString(body, "role");
  if (!role) return role.error();
  auto r = ParseRole(*role);
  if (!r) return Error::Invalid("role", "role must be one of member, guest, alumnus, admin");
  return *r;
}

}  // namespace

namespace {
// ?q=&role=member&status=not_activated&sort=name: 422 naming the parameter on a value it does not know.
Result<store::UserQuery> UserQueryOf(const Request& req) {
  store::UserQuery query{.q = std::string(req.Query("q"))};
  if (auto role = req.Query("role"); !role.empty()) {
    auto parsed = ParseRole(role);
    if (!parsed) return Error::Invalid("role", "role is one of admin, member, guest, alumnus");
    query.role = *parsed;
  }
  static const std::pair<std::string_view, store::UserStatus> kStatuses[] = {
      {"active", store::UserStatus::kActive}, {"deactivated", store::UserStatus::kDeactivated},
      {"not_activated", store::UserStatus::kNotActivated}};
  if (auto status = req.Query("status"); !status.empty()) {
    auto it = std::find_if(std::begin(kStatuses), std::end(kStatuses), [&](const auto& s) { return s.first == status; });
    if (it == std::end(kStatuses)) return Error::Invalid("status", "status is one of active, deactivated, not_activated");
    query.status = it->second;
  }
  static const std::pair<std::string_view, store::UserSort> kSorts[] = {
      {"created", store::UserSort::kCreated}, {"newest", store::UserSort::kNewest}, {"name", store::UserSort::kName}};
  if (auto sort = req.Query("sort"); !sort.empty()) {
    auto it = std::find_if(std::begin(kSorts), std::end(kSorts), [&](const auto& s) { return s.first == sort; });
    if (it == std::end(kSorts)) return Error::Invalid("sort", "sort is one of created, newest, name");
    query.sort = it->second;
  }
  return query;
}
}  // namespace

void RegisterAdminApi(http::Router& router, AdminService& service) {
  router.Add(Method::kGet, "/api/v1/admin/users", {.access = Access::kAdmin},
             [&service](Request& req) {
               auto limit = ParseLimit(req.Query("limit"));
               if (!limit) return http::Problem(limit.error());
               auto query = UserQueryOf(req);
               if (!query) return http::Problem(query.error());
               auto page = service.ListUsers(req.Query("cursor"), *limit, *query);
               if (!page) return http::Problem(page.error());
               boost::json::array items;
               for (const auto& u : page->items) items.push_back(json::UserJson(u));
               auto out = http::Page(std::move(items), page->next_cursor);
               if (page->total) out["total"] = *page->total;
               return http::Json(200, std::move(out));
             });

  router.Add(Method::kPost, "/api/v1/admin/users", {.access = Access::kAdmin, .max_body_bytes = 64 * 1024, .work = http::Work::kPassword, .idempotent = true},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"email", "display_name", "role", "password"}); !st)
                 return http::Problem(st.error());
               NewAccount a;
               auto email = agora::json::RequiredString(*body, "email");
               if (!email) return http::Problem(email.error());
               auto name = agora::json::RequiredString(*body, "display_name");
               if (!name) return http::Problem(name.error());
               auto role = body->contains("role") ? RoleField(*body) : Result<Role>(Role::kMember);
               if (!role) return http::Problem(role.error());
               auto password = agora::json::OptionalString(*body, "password");
               if (!password) return http::Problem(password.error());
               a.email = *email;
               a.display_name = *name;
               a.role = *role;
               a.password = password->value_or("");
               auto user = service.CreateUser(ActorOf(req), a);
               if (!user) return http::Problem(user.error());
               Response r = http::Json(201, json::UserJson(*user));
               r.headers.emplace_back("Location", "/api/v1/admin/users/" + IdToString(user->id));
               return r;
             });

  router.Add(Method::kGet, "/api/v1/admin/users/{id}", {.access = Access::kAdmin},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto user = service.GetUser(*id);
               return user ? http::Json(200, json::UserJson(*user)) : http::Problem(user.error());
             });

  router.Add(Method::kPatch, "/api/v1/admin/users/{id}",
             {.access = Access::kAdmin, .max_body_bytes = 64 * 1024, .work = http::Work::kPassword},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"role", "active", "display_name", "password"}); !st)
                 return http::Problem(st.error());
               UserChange change;
               if (body->contains("role")) {
                 auto role = RoleField(*body);
                 if (!role) return http::Problem(role.error());
                 change.role = *role;
               }
               auto active = agora::json::OptionalBool(*body, "active");
               if (!active) return http::Problem(active.error());
               change.active = *active;
               auto name = agora::json::OptionalString(*body, "display_name");
               if (!name) return http::Problem(name.error());
               change.display_name = *name;
               auto password = agora::json::OptionalString(*body, "password");
               if (!password) return http::Problem(password.error());
               change.password = *password;
               auto user = service.UpdateUser(ActorOf(req), *id, change);
               return user ? http::Json(200, json::UserJson(*user)) : http::Problem(user.error());
             });
}

}  // namespace agora::identity
