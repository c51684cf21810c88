#include "modules/wiki/api.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/clock.h"
#include "core/cursor.h"
#include "core/json.h"
#include "http/response.h"
#include "modules/content/language.h"
#include "modules/files/json.h"
#include "modules/people/json.h"
#include "modules/wiki/json.h"

namespace agora::wiki {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Response SpaceResponse(int status, const Result<SpaceView>& r) {
  return r ? http::Json(status, json::SpaceJson(*r)) : http::Problem(r.error());
}
Response PageResponse(int status, const Result<PageView>& r) {
  if (!r) return http::Problem(r.error());
  Response res;
  res.status = status;
  res.body = json::PageText(*r);
  return res;
}
Response RefPageResponse(const Result<RefPage>& r) {
  if (!r) return http::Problem(r.error());
  boost::json::array items;
  for (const auto& ref : r->items) items.push_back(json::RefJson(ref));
  return http::Json(200, http::Page(std::move(items), r->next_cursor));
}

// A save's answer: the page (200), or 409 with the passages both sides changed.
Response SaveResponse(const Result<SaveOutcome>& r) {
  if (!r) return http::Problem(r.error());
  if (!r->conflict.empty()) {
    Response res = http::Problem(Error::Conflict("someone saved the same passages since this edit began; resolve them and save again"));
    auto problem = boost::json::parse(res.body).as_object();
    problem["conflict"] = json::ConflictJson(*r);
    res.body = boost::json::serialize(problem);
    return res;
  }
  Response res;
  res.body = "{\"page\":" + json::PageText(*r->page) + ",\"merged\":" + (r->merged ? "true" : "false") +
             ",\"changed\":" + (r->changed ? "true" : "false") + "}";
  return res;
}

bool ReadString(const boost::json::object& body, const char* key, std::optional<std::string>& into, Response& problem) {
  auto v = agora::json::OptionalString(body, key);
  if (!v) {
    problem = http::Problem(v.error());
    return false;
  }
  into = *v;
  return true;
}

// An optional id field: absent nullopt; null the outer optional holding nullopt.
Result<std::optional<std::optional<Id>>> ReadOptionalId(const boost::json::object& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end()) return std::optional<std::optional<Id>>{};
  if (it->value().is_null()) return std::optional<std::optional<Id>>{std::optional<Id>{}};
  auto id = it->value().is_string() ? ParseId(it->value().get_string()) : std::nullopt;
  if (!id) return Error::Invalid(key, std::string(key) + " is a page's id, or null");
  return std::optional<std::optional<Id>>{id};
}

Result<int> ReadRevision(const boost::json::object& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end()) return Error::Required(key);
  if (!it->value().is_int64() || it->value().get_int64() < 1 || it->value().get_int64() > INT32_MAX)
    return Error::Invalid(key, std::string(key) + " is a revision's number");
  return static_cast<int>(it->value().get_int64());
}

Result<int> RevisionQuery(const Request& req, const char* key, bool required) {
  const std::string v = req.Query(key);
  if (v.empty()) {
    if (required) return Error::Required(key);
    return 0;
  }
  int n = 0;
  for (char ch : v) {
    if (ch < '0' || ch > '9' || n > 100'000'000) return Error::Invalid(key, std::string(key) + " is a revision's number");
    n = n * 10 + (ch - '0');
  }
  if (n < 1) return Error::Invalid(key, std::string(key) + " is a revision's number");
  return n;
}

}  // namespace

void RegisterApi(http::Router& router, WikiService& service) {
  constexpr std::int64_t kBody = 2 * 1024 * 1024;
  router.Add(Method::kGet, "/api/v1/wiki/spaces", {.access = Access::kUser}, [&service](Request& req) {
    auto limit = ParseLimit(req.Query("limit"));
    if (!limit) return http::Problem(limit.error());
    auto page = service.Spaces(content::ViewerOf(req.principal), req.Query("community"), req.Query("cursor"), *limit);
    if (!page) return http::Problem(page.error());
    boost::json::array items;
    for (const auto& v : page->items) items.push_back(json::SpaceJson(v));
    return http::Json(200, http::Page(std::move(items), page->next_cursor));
  });
  router.Add(Method::kPost, "/api/v1/wiki/spaces", {.access = Access::kUser, .max_body_bytes = 64 * 1024, .idempotent = true},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"name", "handle", "description", "kind", "community", "members", "editing"}); !st)
                 return http::Problem(st.error());
               Response problem;
               std::optional<std::string> name, handle, description, kind, community, editing;
               if (!ReadString(*body, "name", name, problem) || !ReadString(*body, "handle", handle, problem) ||
                   !ReadString(*body, "description", description, problem) || !ReadString(*body, "kind", kind, problem) ||
                   !ReadString(*body, "community", community, problem) || !ReadString(*body, "editing", editing, problem))
                 return problem;
               auto members = agora::json::OptionalStrings(*body, "members", 500);
               if (!members) return http::Problem(members.error());
               NewSpace in;
               in.name = name.value_or("");
               in.handle = handle.value_or("");
               in.description = description.value_or("");
               in.community = community.value_or("");
               in.members = members->value_or(std::vector<std::string>{});
               if (kind) {
                 auto k = ParseSpaceKind(*kind);
                 if (!k) return http::Problem(Error::Invalid("kind", "a space is the organization's, a community's or named people's"));
                 in.kind = *k;
               }
               if (editing) {
                 if (*editing != "readers" && *editing != "editors") return http::Problem(Error::Invalid("editing", "editing is readers or editors"));
                 in.editing = *editing == "editors" ? Editing::kEditors : Editing::kReaders;
               }
               return SpaceResponse(201, service.CreateSpace(*req.principal, in));
             });
  router.Add(Method::kGet, "/api/v1/wiki/spaces/{space}", {.access = Access::kUser}, [&service](Request& req) {
    return SpaceResponse(200, service.GetSpace(content::ViewerOf(req.principal), req.Param("space")));
  });
  router.Add(Method::kPatch, "/api/v1/wiki/spaces/{space}", {.access = Access::kUser, .max_body_bytes = 16 * 1024},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"name", "description", "editing"}); !st) return http::Problem(st.error());
               Response problem;
               SpaceChange ch;
               std::optional<std::string> editing;
               if (!ReadString(*body, "name", ch.name, problem) || !ReadString(*body, "description", ch.description, problem) ||
                   !ReadString(*body, "editing", editing, problem))
                 return problem;
               if (editing) {
                 if (*editing != "readers" && *editing != "editors") return http::Problem(Error::Invalid("editing", "editing is readers or editors"));
                 ch.editing = *editing == "editors" ? Editing::kEditors : Editing::kReaders;
               }
               return SpaceResponse(200, service.ChangeSpace(*req.principal, req.Param("space"), ch, req.client_ip));
             });
  router.Add(Method::kGet, "/api/v1/wiki/spaces/{space}/members", {.access = Access::kUser}, [&service](Request& req) {
    auto members = service.Members(content::ViewerOf(req.principal), req.Param("space"));
    if (!members) return http::Problem(members.error());
    boost::json::array items;
    for (const auto& m : *members) items.push_back({{"person", people::json::CardJson(m.person)}, {"role", RoleName(m.role)}});
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kPut, "/api/v1/wiki/spaces/{space}/members/{person}", {.access = Access::kUser, .max_body_bytes = 1024},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"role"}); !st) return http::Problem(st.error());
               Response problem;
               std::optional<std::string> name;
               if (!ReadString(*body, "role", name, problem)) return problem;
               auto role = ParseRole(name.value_or(""));
               if (!role) return http::Problem(Error::Invalid("role", "a role is owner, editor or reader"));
               return SpaceResponse(200, service.SetRole(*req.principal, req.Param("space"), req.Param("person"), role, req.client_ip));
             });
  router.Add(Method::kDelete, "/api/v1/wiki/spaces/{space}/members/{person}", {.access = Access::kUser}, [&service](Request& req) {
    return SpaceResponse(200, service.SetRole(*req.principal, req.Param("space"), req.Param("person"), std::nullopt, req.client_ip));
  });
  router.Add(Method::kGet, "/api/v1/wiki/spaces/{space}/pages", {.access = Access::kUser}, [&service](Request& req) {
    const auto viewer = content::ViewerOf(req.principal);
    const std::string order = req.Query("order");
    if (order == "recent" || order == "most_read" || order == "review") {
      auto limit = ParseLimit(req.Query("limit"));
      if (!limit) return http::Problem(limit.error());
      if (order == "most_read") return RefPageResponse(service.MostRead(viewer, req.Param("space"), req.Query("cursor"), *limit));
      if (order == "review") return RefPageResponse(service.NeedsReview(viewer, req.Param("space"), req.Query("cursor"), *limit));
      return RefPageResponse(service.Recent(viewer, req.Param("space"), req.Query("cursor"), *limit));
    }
    if (!order.empty() && order != "tree") return http::Problem(Error::Invalid("order", "order is tree, recent, most_read or review"));
    std::optional<Id> parent;
    if (!req.Query("parent").empty()) {
      parent = ParseId(req.Query("parent"));
      if (!parent) return http::Problem(Error::Invalid("parent", "parent is a page's id"));
    }
    auto children = service.Children(viewer, req.Param("space"), parent);
    if (!children) return http::Problem(children.error());
    boost::json::array items;
    for (const auto& ref : *children) items.push_back(json::RefJson(ref));
    return http::Json(200, http::Page(std::move(items), std::nullopt));
  });
  router.Add(Method::kPost, "/api/v1/wiki/spaces/{space}/pages", {.access = Access::kUser, .max_body_bytes = kBody, .idempotent = true},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"title", "body", "summary", "language", "parent"}); !st) return http::Problem(st.error());
               Response problem;
               std::optional<std::string> title, text, summary, declared;
               if (!ReadString(*body, "title", title, problem) || !ReadString(*body, "body", text, problem) ||
                   !ReadString(*body, "summary", summary, problem) || !ReadString(*body, "language", declared, problem))
                 return problem;
               auto parent = ReadOptionalId(*body, "parent");
               if (!parent) return http::Problem(parent.error());
               auto language = content::WrittenLanguage(declared, req.principal->user, req.accept_language);
               if (!language) return http::Problem(language.error());
               NewPage in{title.value_or(""), text.value_or(""), summary.value_or(""), *language, parent->value_or(std::nullopt)};
               return PageResponse(201, service.CreatePage(*req.principal, req.Param("space"), in));
             });
  router.Add(Method::kGet, "/api/v1/wiki/spaces/{space}/pages/{slug}", {.access = Access::kUser}, [&service](Request& req) {
    return PageResponse(200, service.GetPage(content::ViewerOf(req.principal), req.Param("space"), req.Param("slug")));
  });
  router.Add(Method::kPost, "/api/v1/wiki/spaces/{space}/preview", {.access = Access::kUser, .max_body_bytes = kBody},
             [&service](Request& req) {
               auto text = http::OnlyStringField(req, "body");
               if (!text) return http::Problem(text.error());
               auto r = service.Preview(content::ViewerOf(req.principal), req.Param("space"), *text);
               if (!r) return http::Problem(r.error());
               boost::json::array toc;
               for (const auto& h : r->second) toc.push_back({{"level", h.level}, {"id", h.id}, {"text", h.text}});
               return http::Json(200, boost::json::object{{"html", r->first}, {"toc", std::move(toc)}});
             });
  router.Add(Method::kGet, "/api/v1/wiki/spaces/{space}/broken-links", {.access = Access::kUser}, [&service](Request& req) {
    auto limit = ParseLimit(req.Query("limit"));
    if (!limit) return http::Problem(limit.error());
    auto page = service.BrokenLinks(content::ViewerOf(req.principal), req.Param("space"), req.Query("cursor"), *limit);
    if (!page) return http::Problem(page.error());
    boost::json::array items;
    for (const auto& b : page->items) items.push_back({{"from", json::RefJson(b.from)}, {"space", b.space_handle}, {"target", b.target}});
    return http::Json(200, http::Page(std::move(items), page->next_cursor));
  });
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    return PageResponse(200, service.GetPage(content::ViewerOf(req.principal), *id));
  });
  router.Add(Method::kPatch, "/api/v1/wiki/pages/{id}", {.access = Access::kUser, .max_body_bytes = 16 * 1024}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto body = http::JsonBody(req);
    if (!body) return http::Problem(body.error());
    if (auto st = agora::json::OnlyKeys(*body, {"title", "parent", "position", "owner", "review_by"}); !st) return http::Problem(st.error());
    Response problem;
    PageChange ch;
    if (!ReadString(*body, "title", ch.title, problem)) return problem;
    auto parent = ReadOptionalId(*body, "parent");
    if (!parent) return http::Problem(parent.error());
    ch.parent = *parent;
    if (auto it = body->find("position"); it != body->end()) {
      if (!it->value().is_int64() || it->value().get_int64() < 0 || it->value().get_int64() > 1'000'000)
        return http::Problem(Error::Invalid("position", "position is a whole number from 0"));
      ch.position = it->value().get_int64();
    }
    if (auto it = body->find("owner"); it != body->end()) {
      if (it->value().is_null()) ch.owner = std::optional<std::string>{};
      else if (it->value().is_string()) ch.owner = std::optional<std::string>{std::string(it->value().get_string())};
      else return http::Problem(Error::Invalid("owner", "owner is a person's handle or id, or null"));
    }
    if (auto it = body->find("review_by"); it != body->end()) {
      if (it->value().is_null()) ch.review_by = std::optional<std::int64_t>{};
      else {
        auto at = it->value().is_string() ? ParseRfc3339(it->value().get_string()) : std::nullopt;
        if (!at) return http::Problem(Error::Invalid("review_by", "review_by is a date and time (RFC 3339), or null"));
        ch.review_by = std::optional<std::int64_t>{*at};
      }
    }
    return PageResponse(200, service.Change(*req.principal, *id, ch));
  });
  router.Add(Method::kDelete, "/api/v1/wiki/pages/{id}", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto st = service.DeletePage(*req.principal, *id, req.client_ip);
    return st ? http::NoContent() : http::Problem(st.error());
  });
  router.Add(Method::kPost, "/api/v1/wiki/pages/{id}/revisions", {.access = Access::kUser, .max_body_bytes = kBody}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto body = http::JsonBody(req);
    if (!body) return http::Problem(body.error());
    if (auto st = agora::json::OnlyKeys(*body, {"body", "summary", "base_revision"}); !st) return http::Problem(st.error());
    Response problem;
    std::optional<std::string> text, summary;
    if (!ReadString(*body, "body", text, problem) || !ReadString(*body, "summary", summary, problem)) return problem;
    if (!text) return http::Problem(Error::Required("body"));
    auto base = ReadRevision(*body, "base_revision");
    if (!base) return http::Problem(base.error());
    return SaveResponse(service.Save(*req.principal, *id, {*text, summary.value_or(""), *base}));
  });
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}/revisions", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto limit = ParseLimit(req.Query("limit"));
    if (!limit) return http::Problem(limit.error());
    auto page = service.History(content::ViewerOf(req.principal), *id, req.Query("cursor"), *limit);
    if (!page) return http::Problem(page.error());
    boost::json::array items;
    for (const auto& r : page->items) items.push_back(json::RevisionJson(r, service.Card(r.author_id), false));
    return http::Json(200, http::Page(std::move(items), page->next_cursor));
  });
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}/revisions/{number}", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto number = ParseId(req.Param("number"));
    if (!number || *number > INT32_MAX) return http::Problem(Error::NotFound("no such revision"));
    auto r = service.GetRevision(content::ViewerOf(req.principal), *id, static_cast<int>(*number));
    if (!r) return http::Problem(r.error());
    return http::Json(200, json::RevisionJson(*r, service.Card(r->author_id), true));
  });
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}/diff", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto from = RevisionQuery(req, "from", true);
    if (!from) return http::Problem(from.error());
    auto to = RevisionQuery(req, "to", false);
    if (!to) return http::Problem(to.error());
    const auto viewer = content::ViewerOf(req.principal);
    int upto = *to;
    if (upto == 0) {
      auto page = service.GetPage(viewer, *id);
      if (!page) return http::Problem(page.error());
      upto = page->page.revision;
    }
    auto hunks = service.Diff(viewer, *id, *from, upto);
    if (!hunks) return http::Problem(hunks.error());
    return http::Json(200, json::DiffJson(*from, upto, *hunks));
  });
  router.Add(Method::kPost, "/api/v1/wiki/pages/{id}/restore", {.access = Access::kUser, .max_body_bytes = 4096}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto body = http::JsonBody(req);
    if (!body) return http::Problem(body.error());
    if (auto st = agora::json::OnlyKeys(*body, {"revision", "summary"}); !st) return http::Problem(st.error());
    auto number = ReadRevision(*body, "revision");
    if (!number) return http::Problem(number.error());
    Response problem;
    std::optional<std::string> summary;
    if (!ReadString(*body, "summary", summary, problem)) return problem;
    return SaveResponse(service.Restore(*req.principal, *id, *number, summary.value_or("")));
  });
  router.Add(Method::kPost, "/api/v1/wiki/pages/{id}/views", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto st = service.RecordView(content::ViewerOf(req.principal), *id);
    return st ? http::NoContent() : http::Problem(st.error());
  });
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}/backlinks", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto limit = ParseLimit(req.Query("limit"));
    if (!limit) return http::Problem(limit.error());
    return RefPageResponse(service.Backlinks(content::ViewerOf(req.principal), *id, req.Query("cursor"), *limit));
  });
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}/attachments", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto attached = service.Attachments(content::ViewerOf(req.principal), *id);
    if (!attached) return http::Problem(attached.error());
    boost::json::array items;
    for (const auto& f : *attached) items.push_back(files::json::FileJson(f));
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}/blame", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto blame = service.Blame(content::ViewerOf(req.principal), *id);
    if (!blame) return http::Problem(blame.error());
    boost::json::array paragraphs;
    for (const auto& p : blame->paragraphs) {
      boost::json::array authors;
      for (Id a : p.authors) authors.push_back(people::json::CardJson(service.Card(a)));
      paragraphs.push_back({{"text", p.text},
                            {"revision", p.last.revision},
                            {"author", people::json::CardJson(service.Card(p.last.author))},
                            {"changed_at", FormatRfc3339(p.last.at)},
                            {"authors", std::move(authors)}});
    }
    return http::Json(200, boost::json::object{{"revision", blame->revision},
                                               {"first_revision", blame->first_revision},
                                               {"paragraphs", std::move(paragraphs)}});
  });
  // Watching a page or a space (wiki/watch.h): PUT starts, DELETE stops; both idempotent.
  for (Method m : {Method::kPut, Method::kDelete}) {
    const bool on = m == Method::kPut;
    router.Add(m, "/api/v1/wiki/pages/{id}/watch", {.access = Access::kUser}, [&service, on](Request& req) {
      auto id = http::IdParam(req, "id");
      if (!id) return http::Problem(id.error());
      auto r = service.WatchPage(*req.principal, *id, on);
      return r ? http::Json(200, boost::json::object{{"watching", *r}}) : http::Problem(r.error());
    });
    router.Add(m, "/api/v1/wiki/spaces/{space}/watch", {.access = Access::kUser}, [&service, on](Request& req) {
      auto r = service.WatchSpace(*req.principal, req.Param("space"), on);
      return r ? http::Json(200, boost::json::object{{"watching", *r}}) : http::Problem(r.error());
    });
  }
}

}  // namespace agora::wiki
