#include "modules/blogs/feeds_api.h"

#include "core/clock.h"
#include "http/response.h"
#include "modules/atom/writer.h"

namespace agora::blogs {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

// Who reads: nobody (the public feeds) or the token's person, with their language.
struct Reader {
  content::Viewer viewer;
  std::string language;
};

Response AtomResponse(const FeedSite& site, const Request& req, const FeedContent& f, bool personal) {
  atom::Feed feed;
  feed.id = atom::TagUri(site.base_url, f.key);
  feed.title = f.title;
  feed.subtitle = f.subtitle;
  feed.self_url = site.base_url + std::string(req.path);
  feed.alternate_url = site.base_url + f.page_path;
  feed.updated_ms = f.updated;
  feed.base_url = site.base_url;
  feed.entries.reserve(f.items.size());
  for (const auto& item : f.items) {
    atom::Entry e;
    e.id = atom::TagUri(site.base_url, (f.key.starts_with("comments:") ? "comment:" : "blog_entry:") + IdToString(item.id));
    e.title = item.title;
    e.url = site.base_url + item.path;
    e.published_ms = item.published;
    e.updated_ms = item.updated;
    e.authors.push_back({item.author.display_name, item.author.handle.empty() ? "" : site.base_url + "/people/" + item.author.handle});
    e.categories = item.tags;
    e.summary = item.summary;
    e.content_html = item.html;
    feed.entries.push_back(std::move(e));
  }
  Response r;
  r.status = 200;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = atom::Render(feed);
  // Feed readers poll: five minutes of freshness, then a conditional GET. A personal feed is
  // for its reader alone, never a shared cache.
  r.cache_control = personal ? "private, max-age=300" : "public, max-age=300";
  r.headers.emplace_back("Last-Modified", FormatHttpDate(f.updated / 1000));
  return r;
}

Response Answer(const FeedSite& site, const Request& req, const Result<FeedContent>& f, bool personal) {
  return f ? AtomResponse(site, req, *f, personal) : http::Problem(f.error());
}

}  // namespace

void RegisterFeeds(http::Router& router, BlogSyndication& feeds, atom::FeedTokens& tokens, const FeedSite& site) {
  // The public feeds read no credential at all: a signed-in browser opening one sees what
  // the world sees, and a shared cache may keep it.
  const http::RouteOptions world{.access = Access::kAnonymous};
  const content::Viewer nobody{};
  router.Add(Method::kGet, "/feeds/blogs/{blog}", world, [&feeds, &site, nobody](Request& req) {
    return Answer(site, req, feeds.OfBlog(nobody, req.Param("blog")), false);
  });
  router.Add(Method::kGet, "/feeds/authors/{person}", world, [&feeds, &site, nobody](Request& req) {
    return Answer(site, req, feeds.OfAuthor(nobody, req.Param("person"), site.site_language()), false);
  });
  router.Add(Method::kGet, "/feeds/tags/{tag}", world, [&feeds, &site, nobody](Request& req) {
    return Answer(site, req, feeds.OfTag(nobody, req.Param("tag"), site.site_language()), false);
  });

  // The same as the token's person reads them, and an entry's comments.
  auto reader = [&tokens, &site](const Request& req) -> std::optional<Reader> {
    auto user = tokens.Resolve(req.Param("feed_token"));
    if (!user) return std::nullopt;
    return Reader{{user->id, user->role}, user->language.empty() ? site.site_language() : user->language};
  };
  const auto unknown = [] { return http::Problem(Error::NotFound("no such feed")); };
  router.Add(Method::kGet, "/feeds/{feed_token}/blogs/{blog}", world, [&feeds, &site, reader, unknown](Request& req) {
    auto r = reader(req);
    return r ? Answer(site, req, feeds.OfBlog(r->viewer, req.Param("blog")), true) : unknown();
  });
  router.Add(Method::kGet, "/feeds/{feed_token}/authors/{person}", world, [&feeds, &site, reader, unknown](Request& req) {
    auto r = reader(req);
    return r ? Answer(site, req, feeds.OfAuthor(r->viewer, req.Param("person"), r->language), true) : unknown();
  });
  router.Add(Method::kGet, "/feeds/{feed_token}/tags/{tag}", world, [&feeds, &site, reader, unknown](Request& req) {
    auto r = reader(req);
    return r ? Answer(site, req, feeds.OfTag(r->viewer, req.Param("tag"), r->language), true) : unknown();
  });
  router.Add(Method::kGet, "/feeds/{feed_token}/entries/{id}/comments", world, [&feeds, &site, reader, unknown](Request& req) {
    auto r = reader(req);
    if (!r) return unknown();
    auto id = http::IdParam(req, "id");
    if (!id) return http::Problem(id.error());
    return Answer(site, req, feeds.CommentsOf(r->viewer, *id, r->language), true);
  });
}

}  // namespace agora::blogs
