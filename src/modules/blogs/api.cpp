// Blog routes: the directory, a person's own blog, shared blogs and their roles, a blog's
// entries, an entry, and publishing it. Comments and reactions on an entry are the content
// routes' (/api/v1/content/{id}/comments).
#include "modules/blogs/api.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/clock.h"
#include "core/cursor.h"
#include "core/json.h"
#include "http/response.h"
#include "modules/blogs/json.h"
#include "modules/posts/json.h"
#include "modules/content/language.h"

namespace agora::blogs {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

Response BlogResponse(int status, const Result<BlogView>& r) {
  return r ? http::Json(status, json::BlogJson(*r)) : http::Problem(r.error());
}
Response EntryResponse(int status, const Result<EntryView>& r) {
  return r ? http::Json(status, json::EntryJson(*r)) : http::Problem(r.error());
}

// An optional string field into `into`; false (with `problem` set) when it is not a string.
bool ReadString(const boost::json::object& body, const char* key, std::optional<std::string>& into, Response& problem) {
  auto v = agora::json::OptionalString(body, key);
  if (!v) {
    problem = http::Problem(v.error());
    return false;
  }
  into = *v;
  return true;
}

// `cover_image`: an image's id, or null for none. Absent: nullopt; present: the value inside.
Result<std::optional<std::optional<Id>>> ReadCover(const boost::json::object& body) {
  auto it = body.find("cover_image");
  if (it == body.end()) return std::optional<std::optional<Id>>{};
  if (it->value().is_null()) return std::optional<std::optional<Id>>{std::optional<Id>{}};
  auto id = it->value().is_string() ? ParseId(it->value().get_string()) : std::nullopt;
  if (!id) return Error::Invalid("cover_image", "cover_image is an uploaded image's id, or null");
  return std::optional<std::optional<Id>>{id};
}

Response EntryPageResponse(const Result<EntryPage>& page) {
  if (!page) return http::Problem(page.error());
  boost::json::array items;
  for (const auto& v : page->items) items.push_back(json::EntryJson(v));
  return http::Json(200, http::Page(std::move(items), page->next_cursor));
}

}  // namespace

void RegisterApi(http::Router& router, BlogService& service) {
  constexpr std::int64_t kBody = 512 * 1024;
  router.Add(Method::kGet, "/api/v1/blogs", {.access = Access::kUser}, [&service](Request& req) {
    auto limit = ParseLimit(req.Query("limit"));
    if (!limit) return http::Problem(limit.error());
    const std::string sort = req.Query("sort");
    DirectorySort order = DirectorySort::kUpdated;
    if (sort == "followers") order = DirectorySort::kFollowers;
    else if (sort == "recommended") order = DirectorySort::kRecommended;
    else if (!sort.empty() && sort != "updated") return http::Problem(Error::Invalid("sort", "sort is updated, followers or recommended"));
    auto page = service.Directory(content::ViewerOf(req.principal), order, req.Query("cursor"), *limit);
    if (!page) return http::Problem(page.error());
    boost::json::array items;
    for (const auto& v : page->items) items.push_back(json::BlogJson(v));
    return http::Json(200, http::Page(std::move(items), page->next_cursor));
  });
  router.Add(Method::kPost, "/api/v1/blogs", {.access = Access::kUser, .max_body_bytes = 16 * 1024, .idempotent = true},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"name", "handle", "description", "audience", "community"}); !st)
                 return http::Problem(st.error());
               Response problem;
               std::optional<std::string> name, handle, description, audience, community;
               if (!ReadString(*body, "name", name, problem) || !ReadString(*body, "handle", handle, problem) ||
                   !ReadString(*body, "description", description, problem) || !ReadString(*body, "audience", audience, problem) ||
                   !ReadString(*body, "community", community, problem))
                 return problem;
               NewBlog in;
               in.name = name.value_or("");
               in.handle = handle.value_or("");
               in.description = description.value_or("");
               in.community = community.value_or("");
               if (audience) {
                 auto a = content::ParseAudience(*audience);
                 if (!a) return http::Problem(Error::Invalid("audience", "a blog is read by the public, the organization or a community"));
                 in.audience = *a;
               }
               return BlogResponse(201, service.Create(*req.principal, in));
             });
  router.Add(Method::kPost, "/api/v1/me/blog", {.access = Access::kUser}, [&service](Request& req) {
    bool created = false;
    auto r = service.MyBlog(*req.principal, &created);
    return BlogResponse(created ? 201 : 200, r);
  });
  router.Add(Method::kGet, "/api/v1/blogs/{blog}", {.access = Access::kUser}, [&service](Request& req) {
    return BlogResponse(200, service.Get(content::ViewerOf(req.principal), req.Param("blog")));
  });
  router.Add(Method::kPatch, "/api/v1/blogs/{blog}", {.access = Access::kUser, .max_body_bytes = 16 * 1024},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"name", "description", "comment_policy"}); !st) return http::Problem(st.error());
               Response problem;
               BlogChange ch;
               std::optional<std::string> policy;
               if (!ReadString(*body, "name", ch.name, problem) || !ReadString(*body, "description", ch.description, problem) ||
                   !ReadString(*body, "comment_policy", policy, problem))
                 return problem;
               if (policy) {
                 ch.comment_policy = ParseCommentPolicy(*policy);
                 if (!ch.comment_policy)
                   return http::Problem(Error::Invalid("comment_policy", "comment_policy is open, hold_first, hold_all or closed"));
               }
               return BlogResponse(200, service.Change(*req.principal, req.Param("blog"), ch, req.client_ip));
             });
  router.Add(Method::kGet, "/api/v1/blogs/{blog}/held-comments", {.access = Access::kUser}, [&service](Request& req) {
    const auto viewer = content::ViewerOf(req.principal);
    auto held = service.HeldComments(viewer, req.Param("blog"));
    if (!held) return http::Problem(held.error());
    boost::json::array items;
    for (const auto& h : *held) {
      auto o = posts::json::CommentJson(h.comment, viewer);
      o["entry"] = {{"id", IdToString(h.entry_id)}, {"title", h.entry_title}};
      items.push_back(std::move(o));
    }
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kPut, "/api/v1/blogs/{blog}/roles/{person}", {.access = Access::kUser, .max_body_bytes = 1024},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"role"}); !st) return http::Problem(st.error());
               Response problem;
               std::optional<std::string> name;
               if (!ReadString(*body, "role", name, problem)) return problem;
               auto role = ParseRole(name.value_or(""));
               if (!role) return http::Problem(Error::Invalid("role", "a role is owner, editor, author or contributor"));
               return BlogResponse(200, service.SetRole(*req.principal, req.Param("blog"), req.Param("person"), role, req.client_ip));
             });
  router.Add(Method::kDelete, "/api/v1/blogs/{blog}/roles/{person}", {.access = Access::kUser}, [&service](Request& req) {
    return BlogResponse(200, service.SetRole(*req.principal, req.Param("blog"), req.Param("person"), std::nullopt, req.client_ip));
  });
  for (auto method : {Method::kPut, Method::kDelete})
    router.Add(method, "/api/v1/blogs/{blog}/follow", {.access = Access::kUser}, [&service, method](Request& req) {
      return BlogResponse(200, service.Follow(*req.principal, req.Param("blog"), method == Method::kPut));
    });
  router.Add(Method::kGet, "/api/v1/blogs/{blog}/writers", {.access = Access::kUser}, [&service](Request& req) {
    auto writers = service.Writers(content::ViewerOf(req.principal), req.Param("blog"));
    if (!writers) return http::Problem(writers.error());
    boost::json::array items;
    for (const auto& w : *writers) items.push_back(json::WriterJson(w));
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/blogs/{blog}/entries", {.access = Access::kUser}, [&service](Request& req) {
    auto limit = ParseLimit(req.Query("limit"));
    if (!limit) return http::Problem(limit.error());
    const std::string state(req.Query("state"));
    if (!state.empty() && state != "published" && state != "draft")
      return http::Problem(Error::Invalid("state", "state is published or draft"));
    // A tag's or an author's entries in the blog: its archives.
    ArchiveQuery archive{std::string(req.Param("blog")), std::string(req.Query("author")), std::string(req.Query("tag"))};
    if (!archive.author.empty() || !archive.tag.empty()) {
      if (state == "draft") return http::Problem(Error::Invalid("state", "drafts are not filtered by tag or author"));
      return EntryPageResponse(service.Archive(*req.principal, archive, req.Query("cursor"), *limit));
    }
    auto page = service.Entries(content::ViewerOf(req.principal), req.Param("blog"),
                                state == "draft" ? EntryState::kDraft : EntryState::kPublished, req.Query("cursor"), *limit);
    if (!page) return http::Problem(page.error());
    boost::json::array items;
    for (const auto& v : page->items) items.push_back(json::EntryJson(v));
    return http::Json(200, http::Page(std::move(items), page->next_cursor));
  });
  router.Add(Method::kPost, "/api/v1/blogs/{blog}/entries", {.access = Access::kUser, .max_body_bytes = kBody, .idempotent = true},
             [&service](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"title", "body", "excerpt", "language", "publish", "coauthors", "cover_image"}); !st)
                 return http::Problem(st.error());
               Response problem;
               std::optional<std::string> title, text, excerpt, declared;
               if (!ReadString(*body, "title", title, problem) || !ReadString(*body, "body", text, problem) ||
                   !ReadString(*body, "excerpt", excerpt, problem) || !ReadString(*body, "language", declared, problem))
                 return problem;
               auto publish = agora::json::OptionalBool(*body, "publish");
               if (!publish) return http::Problem(publish.error());
               auto language = content::WrittenLanguage(declared, req.principal->user, req.accept_language);
               if (!language) return http::Problem(language.error());
               auto coauthors = agora::json::OptionalStrings(*body, "coauthors", 10);
               if (!coauthors) return http::Problem(coauthors.error());
               auto cover = ReadCover(*body);
               if (!cover) return http::Problem(cover.error());
               NewEntry in{title.value_or(""), text.value_or(""), excerpt.value_or(""), *language, publish->value_or(false),
                           coauthors->value_or(std::vector<std::string>{}), cover->value_or(std::nullopt)};
               return EntryResponse(201, service.Write(*req.principal, req.Param("blog"), in));
             });
  router.Add(Method::kGet, "/api/v1/blog-entries", {.access = Access::kUser}, [&service](Request& req) {
    auto limit = ParseLimit(req.Query("limit"));
    if (!limit) return http::Problem(limit.error());
    ArchiveQuery archive{"", std::string(req.Query("author")), std::string(req.Query("tag"))};
    if (archive.author.empty() && archive.tag.empty())
      return http::Problem(Error::Invalid("tag", "name a tag or an author (the directory lists blogs)"));
    return EntryPageResponse(service.Archive(*req.principal, archive, req.Query("cursor"), *limit));
  });
  router.Add(Method::kGet, "/api/v1/communities/{id}/blogs", {.access = Access::kUser}, [&service](Request& req) {
    auto blogs = service.OfCommunity(content::ViewerOf(req.principal), req.Param("id"));
    if (!blogs) return http::Problem(blogs.error());
    boost::json::array items;
    for (const auto& b : *blogs) items.push_back(json::BlogJson(b));
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/blogs/{blog}/tags", {.access = Access::kUser}, [&service](Request& req) {
    auto tags = service.Tags(content::ViewerOf(req.principal), req.Param("blog"));
    if (!tags) return http::Problem(tags.error());
    boost::json::array items;
    for (const auto& [tag, count] : *tags) items.push_back({{"tag", tag}, {"count", count}});
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/blog-entries/{id}", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    return EntryResponse(200, service.Get(content::ViewerOf(req.principal), *id));
  });
  router.Add(Method::kPatch, "/api/v1/blog-entries/{id}", {.access = Access::kUser, .max_body_bytes = kBody},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"title", "body", "excerpt", "coauthors", "cover_image"}); !st)
                 return http::Problem(st.error());
               EntryChange ch;
               Response problem;
               if (!ReadString(*body, "title", ch.title, problem) || !ReadString(*body, "body", ch.body, problem) ||
                   !ReadString(*body, "excerpt", ch.excerpt, problem))
                 return problem;
               auto coauthors = agora::json::OptionalStrings(*body, "coauthors", 10);
               if (!coauthors) return http::Problem(coauthors.error());
               ch.coauthors = *coauthors;
               auto cover = ReadCover(*body);
               if (!cover) return http::Problem(cover.error());
               ch.cover_image = *cover;
               // If-Match: "3" names the version the writer began from ("*": any).
               std::string_view match = req.if_match;
               if (!match.empty() && match != "*") {
                 if (match.size() < 3 || match.front() != '"' || match.back() != '"')
                   return http::Problem(Error::Invalid("If-Match", "If-Match is the entry's version in quotes, as \"3\""));
                 auto v = ParseId(match.substr(1, match.size() - 2));
                 if (!v) return http::Problem(Error::Invalid("If-Match", "If-Match is the entry's version in quotes, as \"3\""));
                 ch.from_version = *v;
               }
               auto edited = service.Edit(*req.principal, *id, ch);
               if (!edited && edited.error().code == ErrorCode::kPreconditionFailed) {
                 // Both versions: the writer's is in their hands, the one saved since is here.
                 Response r = http::Problem(edited.error());
                 auto now = service.Get(content::ViewerOf(req.principal), *id);
                 if (now) {
                   auto doc = boost::json::parse(r.body).as_object();
                   doc["current"] = json::EntryJson(*now);
                   r.body = boost::json::serialize(doc);
                 }
                 return r;
               }
               return EntryResponse(200, edited);
             });
  router.Add(Method::kDelete, "/api/v1/blog-entries/{id}", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto st = service.Delete(*req.principal, *id, req.client_ip);
    return st ? http::NoContent() : http::Problem(st.error());
  });
  for (auto method : {Method::kPut, Method::kDelete})
    router.Add(method, "/api/v1/blog-entries/{id}/recommendation", {.access = Access::kUser}, [&service, method](Request& req) {
      auto id = http::IdParam(req, "id");
      if (!id) return http::Problem(id.error());
      return EntryResponse(200, service.Recommend(*req.principal, *id, method == Method::kPut));
    });
  router.Add(Method::kGet, "/api/v1/people/{person}/blog-entries", {.access = Access::kUser}, [&service](Request& req) {
    auto limit = ParseLimit(req.Query("limit"));
    if (!limit) return http::Problem(limit.error());
    auto entries = service.ByAuthor(*req.principal, req.Param("person"), *limit);
    if (!entries) return http::Problem(entries.error());
    boost::json::array items;
    for (const auto& v : *entries) items.push_back(json::EntryJson(v));
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kGet, "/api/v1/blog-entries/{id}/revisions", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto revisions = service.History(content::ViewerOf(req.principal), *id);
    if (!revisions) return http::Problem(revisions.error());
    boost::json::array items;
    for (const auto& r : *revisions)
      items.push_back({{"revision", r.number}, {"body", r.body}, {"created_at", FormatRfc3339(r.created_at)}});
    return http::Json(200, boost::json::object{{"items", std::move(items)}});
  });
  router.Add(Method::kPost, "/api/v1/blog-entries/{id}/views", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    auto st = service.RecordView(content::ViewerOf(req.principal), *id);
    return st ? http::NoContent() : http::Problem(st.error());
  });
  router.Add(Method::kPost, "/api/v1/blog-entries/{id}/publication", {.access = Access::kUser, .max_body_bytes = 1024},
             [&service](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               // No body: now. {"at": time}: then (a time past or present is now).
               std::optional<std::int64_t> at;
               if (!req.body.empty()) {
                 auto body = http::JsonBody(req);
                 if (!body) return http::Problem(body.error());
                 if (auto st = agora::json::OnlyKeys(*body, {"at"}); !st) return http::Problem(st.error());
                 Response problem;
                 std::optional<std::string> text;
                 if (!ReadString(*body, "at", text, problem)) return problem;
                 if (text) {
                   at = ParseRfc3339(*text);
                   if (!at) return http::Problem(Error::Invalid("at", "at is an RFC 3339 time, as 2026-12-24T09:00:00Z"));
                 }
               }
               return EntryResponse(200, service.SetPublished(*req.principal, *id, true, at));
             });
  router.Add(Method::kDelete, "/api/v1/blog-entries/{id}/publication", {.access = Access::kUser}, [&service](Request& req) {
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    return EntryResponse(200, service.SetPublished(*req.principal, *id, false));
  });
}

}  // namespace agora::blogs
