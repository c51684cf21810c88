#include "modules/blogs/feeds_api.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <unordered_map>

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

atom::Entry AtomEntry(const FeedSite& site, const FeedContent& f, const FeedItem& item) {
  atom::Entry e;
  e.id = atom::TagUri(site.base_url, (f.key.starts_with("comments:") ? "comment:" : "blog_entry:") + IdToString(item.id));
  e.title = item.title;
  e.url = site.base_url + item.path;
  e.published_ms = item.published;
  e.updated_ms = item.updated;
  for (const people::Card* a : {&item.author}) e.authors.push_back({a->display_name, a->handle.empty() ? "" : site.base_url + "/people/" + a->handle});
  for (const auto& a : item.coauthors) e.authors.push_back({a.display_name, a.handle.empty() ? "" : site.base_url + "/people/" + a.handle});
  e.categories = item.tags;
  e.summary = item.summary;
  e.content_html = item.html;
  return e;
}

// What a feed says about itself: the same for every reader but its self link.
struct FeedHead {
  std::string key, title, subtitle, page_path;
  std::int64_t updated = 0;
};

Response AtomAnswer(const FeedSite& site, const Request& req, const FeedHead& head, std::string_view entries, bool personal) {
  atom::Feed feed;
  feed.id = atom::TagUri(site.base_url, head.key);
  feed.title = head.title;
  feed.subtitle = head.subtitle;
  feed.self_url = site.base_url + std::string(req.path);
  feed.alternate_url = site.base_url + head.page_path;
  feed.base_url = site.base_url;
  feed.updated_ms = head.updated;
  Response r;
  r.status = 200;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = atom::RenderHead(feed);
  r.body.reserve(r.body.size() + entries.size() + atom::kEnd.size());
  r.body += entries;
  r.body += atom::kEnd;
  // Feed readers poll: five minutes of freshness, then a conditional GET. A personal feed is
  // for its reader alone, never a shared cache.
  r.cache_control = personal ? "private, max-age=300" : "public, max-age=300";
  r.headers.emplace_back("Last-Modified", FormatHttpDate(head.updated / 1000));
  return r;
}

std::string EntriesXml(const FeedSite& site, const FeedContent& f) {
  std::vector<atom::Entry> entries;
  entries.reserve(f.items.size());
  for (const auto& item : f.items) entries.push_back(AtomEntry(site, f, item));
  std::string out;
  out.reserve(f.items.size() * 2048);
  atom::AppendEntries(out, entries);
  return out;
}

Response Answer(const FeedSite& site, const Request& req, const Result<FeedContent>& f, bool personal) {
  if (!f) return http::Problem(f.error());
  return AtomAnswer(site, req, {f->key, f->title, f->subtitle, f->page_path, f->updated}, EntriesXml(site, *f), personal);
}

// A blog's feed as made for every reader of its audience, kept until the blog's entries
// change (Blog::changed_at) and for ten minutes at most (authors' names may change). A
// thousand blogs at most: a blog's feed is some 50 KB.
class BlogFeedCache {
 public:
  struct Kept {
    std::int64_t version = 0;
    std::int64_t made_at = 0;
    FeedHead head;
    std::shared_ptr<const std::string> entries;
  };
  std::optional<Kept> Find(Id blog, std::int64_t version, std::int64_t now) {
    std::lock_guard lock(mu_);
    auto it = kept_.find(blog);
    if (it == kept_.end() || it->second.version != version || now - it->second.made_at > kFreshMs) return std::nullopt;
    return it->second;
  }
  void Keep(Id blog, Kept k) {
    std::lock_guard lock(mu_);
    if (kept_.size() >= kMax && !kept_.count(blog)) kept_.erase(kept_.begin());
    kept_[blog] = std::move(k);
  }

 private:
  static constexpr std::int64_t kFreshMs = 10 * 60 * 1000;
  static constexpr size_t kMax = 1000;
  std::mutex mu_;
  std::unordered_map<Id, Kept> kept_;
};

Response BlogFeed(const FeedSite& site, BlogSyndication& feeds, BlogFeedCache& cache, const Request& req,
                  const content::Viewer& viewer, bool personal) {
  auto shared = feeds.SharedFeedOf(viewer, req.Param("blog"));
  if (!shared) return http::Problem(shared.error());
  if (!*shared) return Answer(site, req, feeds.OfBlog(viewer, req.Param("blog")), personal);
  const Blog& blog = **shared;
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  if (auto kept = cache.Find(blog.id, blog.changed_at, now)) return AtomAnswer(site, req, kept->head, *kept->entries, personal);
  auto f = feeds.OfBlog(viewer, IdToString(blog.id));
  if (!f) return http::Problem(f.error());
  BlogFeedCache::Kept k{blog.changed_at, now, {f->key, f->title, f->subtitle, f->page_path, f->updated},
                        std::make_shared<const std::string>(EntriesXml(site, *f))};
  cache.Keep(blog.id, k);
  return AtomAnswer(site, req, k.head, *k.entries, personal);
}

}  // namespace

void RegisterFeeds(http::Router& router, BlogSyndication& feeds, atom::FeedTokens& tokens, const FeedSite& site) {
  // The public feeds read no credential at all: a signed-in browser opening one sees what
  // the world sees, and a shared cache may keep it.
  const http::RouteOptions world{.access = Access::kAnonymous};
  const content::Viewer nobody{};
  // Kept as long as the routes (their handlers share it).
  auto cache = std::make_shared<BlogFeedCache>();
  router.Add(Method::kGet, "/feeds/blogs/{blog}", world, [&feeds, &site, nobody, cache](Request& req) {
    return BlogFeed(site, feeds, *cache, req, nobody, false);
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
  router.Add(Method::kGet, "/feeds/{feed_token}/blogs/{blog}", world, [&feeds, &site, reader, unknown, cache](Request& req) {
    auto r = reader(req);
    return r ? BlogFeed(site, feeds, *cache, req, r->viewer, true) : unknown();
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
