#include "modules/scim/api.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <tuple>

#include "core/clock.h"
#include "core/json.h"
#include "core/text.h"
#include "http/problem.h"
#include "http/response.h"

namespace agora::scim {
namespace {

using boost::json::array;
using boost::json::object;
using http::Access;
using http::Method;
using http::Request;
using http::Response;

constexpr std::string_view kErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
constexpr std::string_view kListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

Response Scim(int status, const boost::json::value& body) {
  Response r;
  r.status = status;
  r.content_type = "application/scim+json";
  r.body = boost::json::serialize(body);
  return r;
}

// RFC 7644 3.12: status as a string, and scimType where one fits.
Response ScimError(const Error& e) {
  int status = http::StatusFor(e.code);
  std::string type;
  if (e.code == ErrorCode::kConflict) type = "uniqueness";
  else if (e.field == "filter") type = "invalidFilter";
  else if (e.field == "path") type = "invalidPath";
  else if (e.code == ErrorCode::kMalformed) type = "invalidSyntax";
  else if (e.code == ErrorCode::kInvalidField) {
    status = 400;  // SCIM reports a bad value as 400 invalidValue
    type = "invalidValue";
  }
  object o{{"schemas", array{kErrorSchema}}, {"status", std::to_string(status)}, {"detail", e.message}};
  if (!type.empty()) o["scimType"] = type;
  Response r = Scim(status, o);
  if (e.code == ErrorCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"scim\"");
  return r;
}

std::optional<TokenInfo> Authorized(ScimTokens& tokens, const Request& req) {
  std::string_view auth = req.authorization;
  if (auth.size() < 7 || text::AsciiLower(auth.substr(0, 7)) != "bearer ") return std::nullopt;
  return tokens.Authenticate(text::Trim(auth.substr(7)));
}

Result<object> Body(const Request& req) {
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body, ec);
  if (ec || !v.is_object()) return Error::Malformed("the body must be a JSON object");
  return std::move(v.as_object());
}

// filter, startIndex (1-based) and count of a list request (RFC 7644 3.4.2).
struct ListQuery {
  Filter filter;
  size_t start = 1;
  size_t count = 100;
};

Result<ListQuery> ListQueryOf(const Request& req) {
  ListQuery q;
  if (auto text = req.Query("filter"); !text.empty()) {
    auto parsed = ParseFilter(text);
    if (!parsed) return parsed.error();
    q.filter = *parsed;
  }
  for (auto [name, out, least] : {std::tuple{"startIndex", &q.start, 1LL}, {"count", &q.count, 0LL}}) {
    auto v = req.Query(name);
    if (v.empty()) continue;
    long long n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size()) return Error::Malformed("startIndex and count must be numbers");
    *out = static_cast<size_t>(std::max(least, n));
  }
  return q;
}

Response ListAnswer(ListResult list, size_t start) {
  array resources;
  for (auto& r : list.resources) resources.push_back(std::move(r));
  const size_t n = resources.size();
  return Scim(200, object{{"schemas", array{kListSchema}}, {"totalResults", list.total}, {"startIndex", start},
                          {"itemsPerPage", n}, {"Resources", std::move(resources)}});
}

object UserSchema() {
  auto attr = [](const char* name, const char* type, bool multi, const char* description, bool required = false,
                 const char* uniqueness = "none") {
    return object{{"name", name},       {"type", type},         {"multiValued", multi},  {"description", description},
                  {"required", required}, {"caseExact", false}, {"mutability", "readWrite"}, {"returned", "default"},
                  {"uniqueness", uniqueness}};
  };
  auto value_attrs = [&](const char* what) {
    return array{attr("value", "string", false, what), attr("type", "string", false, "work"),
                 attr("primary", "boolean", false, "the one to use")};
  };
  auto emails = attr("emails", "complex", true, "E-mail addresses; the primary one is the person's address here");
  emails["subAttributes"] = value_attrs("an e-mail address");
  auto phones = attr("phoneNumbers", "complex", true, "Phone numbers; the work one is shown on the profile");
  phones["subAttributes"] = value_attrs("a phone number");
  auto name = attr("name", "complex", false, "The person's name");
  name["subAttributes"] = array{attr("formatted", "string", false, "the full name"), attr("givenName", "string", false, "given name"),
                                attr("familyName", "string", false, "family name")};
  return {{"schemas", array{"urn:ietf:params:scim:schemas:core:2.0:Schema"}},
          {"id", kUserSchema},
          {"name", "User"},
          {"description", "A person of the organization"},
          {"attributes", array{attr("userName", "string", false, "The e-mail address (unless emails names one)", true, "server"),
                               name, attr("displayName", "string", false, "The name shown everywhere"),
                               attr("title", "string", false, "Job title"), attr("userType", "string", false, "Member or Guest"),
                               attr("active", "boolean", false, "false: deactivated and signed out everywhere"), emails, phones}},
          {"meta", object{{"resourceType", "Schema"}}}};
}

object GroupSchema() {
  auto attr = [](const char* name, const char* type, bool multi, const char* description, const char* mutability = "readWrite") {
    return object{{"name", name},           {"type", type},         {"multiValued", multi}, {"description", description},
                  {"required", false},      {"caseExact", false},   {"mutability", mutability}, {"returned", "default"},
                  {"uniqueness", "none"}};
  };
  auto members = attr("members", "complex", true, "The people of the group: the community's members");
  members["subAttributes"] = array{attr("value", "string", false, "a user's id", "immutable"),
                                   attr("display", "string", false, "the user's name", "readOnly"),
                                   attr("type", "string", false, "User", "immutable")};
  return {{"schemas", array{"urn:ietf:params:scim:schemas:core:2.0:Schema"}},
          {"id", kGroupSchema},
          {"name", "Group"},
          {"description", "A group of the organization: a community whose members follow it"},
          {"attributes", array{attr("displayName", "string", false, "The community's name"), members}},
          {"meta", object{{"resourceType", "Schema"}}}};
}

object EnterpriseSchema() {
  object manager{{"name", "manager"}, {"type", "complex"}, {"multiValued", false}, {"required", false},
                 {"mutability", "readWrite"}, {"returned", "default"}, {"description", "The person's manager, by id"},
                 {"subAttributes", array{object{{"name", "value"}, {"type", "string"}, {"multiValued", false}, {"required", false},
                                                {"caseExact", true}, {"mutability", "readWrite"}, {"returned", "default"},
                                                {"uniqueness", "none"}, {"description", "the manager's id"}},
                                         object{{"name", "displayName"}, {"type", "string"}, {"multiValued", false},
                                                {"required", false}, {"caseExact", false}, {"mutability", "readOnly"},
                                                {"returned", "default"}, {"uniqueness", "none"}, {"description", "the manager's name"}}}}};
  return {{"schemas", array{"urn:ietf:params:scim:schemas:core:2.0:Schema"}},
          {"id", kEnterpriseUser},
          {"name", "EnterpriseUser"},
          {"description", "Enterprise user"},
          {"attributes", array{object{{"name", "department"}, {"type", "string"}, {"multiValued", false}, {"required", false},
                                      {"caseExact", false}, {"mutability", "readWrite"}, {"returned", "default"},
                                      {"uniqueness", "none"}, {"description", "Department"}},
                               manager}},
          {"meta", object{{"resourceType", "Schema"}}}};
}

}  // namespace

void RegisterApi(http::Router& router, ScimTokens& tokens, ScimUsers& users, ScimGroups& groups) {
  // Every SCIM route: the SCIM token first (the server reads no other credential here).
  auto guarded = [&tokens](auto handler) {
    return [&tokens, handler](Request& req) -> Response {
      auto token = Authorized(tokens, req);
      if (!token) return ScimError(Error::Unauthenticated("a SCIM token is required: Authorization: Bearer agscim_..."));
      return handler(req, *token);
    };
  };
  const http::RouteOptions open{.access = Access::kAnonymous};
  // SCIM's own discovery endpoints (/scim/v2/Schemas, /ResourceTypes) describe these routes
  // (RFC 7643), not the OpenAPI document.

  // SCIM: what this service provider supports
  router.Add(Method::kGet, "/scim/v2/ServiceProviderConfig", open,
             guarded([](Request&, const TokenInfo&) {
               return Scim(200, object{{"schemas", array{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"}},
                                       {"patch", object{{"supported", true}}},
                                       {"bulk", object{{"supported", false}, {"maxOperations", 0}, {"maxPayloadSize", 0}}},
                                       {"filter", object{{"supported", true}, {"maxResults", ScimUsers::kMaxCount}}},
                                       {"changePassword", object{{"supported", false}}},
                                       {"sort", object{{"supported", false}}},
                                       {"etag", object{{"supported", false}}},
                                       {"authenticationSchemes",
                                        array{object{{"type", "oauthbearertoken"},
                                                     {"name", "SCIM token"},
                                                     {"description", "A token an admin makes in People admin (Provisioning)"},
                                                     {"primary", true}}}},
                                       {"meta", object{{"resourceType", "ServiceProviderConfig"}}}});
             }));
  // SCIM: the schemas of the resources
  router.Add(Method::kGet, "/scim/v2/Schemas", open, guarded([](Request&, const TokenInfo&) {
               return Scim(200, object{{"schemas", array{kListSchema}}, {"totalResults", 3}, {"startIndex", 1}, {"itemsPerPage", 3},
                                       {"Resources", array{UserSchema(), EnterpriseSchema(), GroupSchema()}}});
             }));
  // SCIM: one schema
  router.Add(Method::kGet, "/scim/v2/Schemas/{id}", open, guarded([](Request& req, const TokenInfo&) {
               auto id = req.Param("id");
               if (id == kUserSchema) return Scim(200, UserSchema());
               if (id == kEnterpriseUser) return Scim(200, EnterpriseSchema());
               if (id == kGroupSchema) return Scim(200, GroupSchema());
               return ScimError(Error::NotFound("no such schema"));
             }));
  auto user_type = [] {
    return object{{"schemas", array{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}},
                  {"id", "User"},
                  {"name", "User"},
                  {"endpoint", "/Users"},
                  {"description", "People"},
                  {"schema", kUserSchema},
                  {"schemaExtensions", array{object{{"schema", kEnterpriseUser}, {"required", false}}}},
                  {"meta", object{{"resourceType", "ResourceType"}}}};
  };
  auto group_type = [] {
    return object{{"schemas", array{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}},
                  {"id", "Group"},
                  {"name", "Group"},
                  {"endpoint", "/Groups"},
                  {"description", "Groups: communities whose members follow them"},
                  {"schema", kGroupSchema},
                  {"meta", object{{"resourceType", "ResourceType"}}}};
  };
  // SCIM: the resource types
  router.Add(Method::kGet, "/scim/v2/ResourceTypes", open,
             guarded([user_type, group_type](Request&, const TokenInfo&) {
               return Scim(200, object{{"schemas", array{kListSchema}}, {"totalResults", 2}, {"startIndex", 1}, {"itemsPerPage", 2},
                                       {"Resources", array{user_type(), group_type()}}});
             }));
  // SCIM: one resource type
  router.Add(Method::kGet, "/scim/v2/ResourceTypes/{id}", open,
             guarded([user_type, group_type](Request& req, const TokenInfo&) {
               if (req.Param("id") == "User") return Scim(200, user_type());
               if (req.Param("id") == "Group") return Scim(200, group_type());
               return ScimError(Error::NotFound("no such resource type"));
             }));

  // SCIM: list or find users (filter, startIndex, count)
  router.Add(Method::kGet, "/scim/v2/Users", open,
             guarded([&users](Request& req, const TokenInfo&) {
               auto q = ListQueryOf(req);
               if (!q) return ScimError(q.error());
               auto list = users.List(q->filter.get(), q->start, q->count);
               return list ? ListAnswer(std::move(*list), q->start) : ScimError(list.error());
             }));
  // SCIM: create a user
  router.Add(Method::kPost, "/scim/v2/Users", open, guarded([&users](Request& req, const TokenInfo& token) {
               auto body = Body(req);
               if (!body) return ScimError(body.error());
               auto r = users.Create(*body, token);
               if (!r) return ScimError(r.error());
               Response out = Scim(201, *r);
               out.headers.emplace_back("Location", std::string(r->at("meta").as_object().at("location").as_string()));
               return out;
             }));
  auto with_id = [&users](auto fn) {
    return [&users, fn](Request& req, const TokenInfo& token) -> Response {
      auto id = ParseId(req.Param("id"));
      if (!id) return ScimError(Error::NotFound("no such user"));
      return fn(req, token, *id);
    };
  };
  // SCIM: one user
  router.Add(Method::kGet, "/scim/v2/Users/{id}", open,
             guarded(with_id([&users](Request&, const TokenInfo&, Id id) {
               auto r = users.Get(id);
               return r ? Scim(200, *r) : ScimError(r.error());
             })));
  // SCIM: replace a user
  router.Add(Method::kPut, "/scim/v2/Users/{id}", open,
             guarded(with_id([&users](Request& req, const TokenInfo& token, Id id) {
               auto body = Body(req);
               if (!body) return ScimError(body.error());
               auto r = users.Replace(id, *body, token);
               return r ? Scim(200, *r) : ScimError(r.error());
             })));
  // SCIM: change a user (PatchOp)
  router.Add(Method::kPatch, "/scim/v2/Users/{id}", open,
             guarded(with_id([&users](Request& req, const TokenInfo& token, Id id) {
               auto body = Body(req);
               if (!body) return ScimError(body.error());
               auto r = users.Patch(id, *body, token);
               return r ? Scim(200, *r) : ScimError(r.error());
             })));
  // SCIM: deactivate a user (people are never erased by a provider)
  router.Add(Method::kDelete, "/scim/v2/Users/{id}", open,
             guarded(with_id([&users](Request&, const TokenInfo& token, Id id) {
               auto st = users.Delete(id, token);
               if (!st) return ScimError(st.error());
               Response r;
               r.status = 204;
               r.content_type.clear();
               return r;
             })));

  // Groups: communities whose members follow the provider's groups.
  auto excluded_members = [](const Request& req) {
    return text::AsciiLower(req.Query("excludedAttributes")).find("members") != std::string::npos;
  };
  // SCIM: list or find groups (communities it provisions)
  router.Add(Method::kGet, "/scim/v2/Groups", open,
             guarded([&groups, excluded_members](Request& req, const TokenInfo&) {
               auto q = ListQueryOf(req);
               if (!q) return ScimError(q.error());
               auto list = groups.List(q->filter.get(), q->start, q->count, !excluded_members(req));
               return list ? ListAnswer(std::move(*list), q->start) : ScimError(list.error());
             }));
  // SCIM: create a group (a community)
  router.Add(Method::kPost, "/scim/v2/Groups", open,
             guarded([&groups](Request& req, const TokenInfo& token) {
               auto body = Body(req);
               if (!body) return ScimError(body.error());
               auto r = groups.Create(*body, token);
               if (!r) return ScimError(r.error());
               Response out = Scim(201, *r);
               out.headers.emplace_back("Location", std::string(r->at("meta").as_object().at("location").as_string()));
               return out;
             }));
  auto with_group = [](auto fn) {
    return [fn](Request& req, const TokenInfo& token) -> Response {
      auto id = ParseId(req.Param("id"));
      if (!id) return ScimError(Error::NotFound("no such group"));
      return fn(req, token, *id);
    };
  };
  // SCIM: one group
  router.Add(Method::kGet, "/scim/v2/Groups/{id}", open,
             guarded(with_group([&groups, excluded_members](Request& req, const TokenInfo&, Id id) {
               auto r = groups.Get(id, !excluded_members(req));
               return r ? Scim(200, *r) : ScimError(r.error());
             })));
  // SCIM: replace a group (its name and members)
  router.Add(Method::kPut, "/scim/v2/Groups/{id}", open,
             guarded(with_group([&groups](Request& req, const TokenInfo& token, Id id) {
               auto body = Body(req);
               if (!body) return ScimError(body.error());
               auto r = groups.Replace(id, *body, token);
               return r ? Scim(200, *r) : ScimError(r.error());
             })));
  // SCIM: change a group (add or remove members, rename)
  router.Add(Method::kPatch, "/scim/v2/Groups/{id}", open,
             guarded(with_group([&groups](Request& req, const TokenInfo& token, Id id) {
               auto body = Body(req);
               if (!body) return ScimError(body.error());
               auto r = groups.Patch(id, *body, token);
               return r ? Scim(200, *r) : ScimError(r.error());
             })));
  // SCIM: stop provisioning a group (the community stays)
  router.Add(Method::kDelete, "/scim/v2/Groups/{id}", open,
             guarded(with_group([&groups](Request&, const TokenInfo& token, Id id) {
               auto st = groups.Delete(id, token);
               if (!st) return ScimError(st.error());
               Response r;
               r.status = 204;
               r.content_type.clear();
               return r;
             })));

  // The admins' SCIM tokens.
  router.Add(Method::kGet, "/api/v1/admin/scim-tokens", {.access = Access::kAdmin},
             [&tokens](Request&) {
               array items;
               for (const auto& t : tokens.List())
                 items.push_back({{"id", IdToString(t.id)},
                                  {"name", t.name},
                                  {"created_at", FormatRfc3339(t.created_at)},
                                  {"last_used_at", t.last_used_at ? boost::json::value(FormatRfc3339(*t.last_used_at)) : nullptr}});
               return http::Json(200, http::Page(std::move(items), std::nullopt));
             });
  router.Add(Method::kPost, "/api/v1/admin/scim-tokens",
             {.access = Access::kAdmin, .max_body_bytes = 4096},
             [&tokens](Request& req) {
               auto name = http::OnlyStringField(req, "name");
               if (!name) return http::Problem(name.error());
               auto made = tokens.Create({req.principal->user.id, req.client_ip}, *name);
               if (!made) return http::Problem(made.error());
               return http::Json(201, {{"id", IdToString(made->first.id)},
                                       {"name", made->first.name},
                                       {"created_at", FormatRfc3339(made->first.created_at)},
                                       {"token", made->second}});
             });
  router.Add(Method::kDelete, "/api/v1/admin/scim-tokens/{id}", {.access = Access::kAdmin},
             [&tokens](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto st = tokens.Revoke({req.principal->user.id, req.client_ip}, *id);
               return st ? http::NoContent() : http::Problem(st.error());
             });
}

}  // namespace agora::scim
