#include "modules/blogs/public_page.h"

#include <xxhash.h>

#include <cstdio>

#include "core/markdown.h"
#include "core/text.h"
#include "i18n/messages.h"
#include "modules/blogs/paths.h"
#include "modules/blogs/store.h"
#include "modules/content/body.h"
#include "modules/content/store.h"
#include "modules/images/store.h"
#include "modules/people/store.h"

namespace agora::blogs {
namespace {

using agora::store::Connection;

constexpr size_t kMaxCached = 20'000;
constexpr int kSitemapEntries = 50'000;

std::string Day(std::int64_t ms) {
  const std::string t = FormatRfc3339(ms);
  return t.substr(0, 10);
}

// Minutes to read at 200 words a minute, as the web client counts them.
std::int64_t ReadingMinutes(std::string_view markdown) {
  std::int64_t words = 0;
  bool in_word = false;
  for (char ch : markdown) {
    const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return std::max<std::int64_t>(1, (words + 100) / 200);
}

struct Meta {
  std::string_view property;  // "og:title", or a name ("description") when `name` is true
  std::string content;
  bool name = false;
};

}  // namespace

Result<PublicPage> PublicPages::Entry(std::string_view blog, std::string_view year, std::string_view month, std::string_view slug) {
  const std::string key = std::string(blog) + "/" + std::string(slug);
  // The entry's version: what it shows changes only with it.
  struct Version {
    Id id = 0;
    std::string text;
  };
  auto version = db_.Read([&](Connection& c) -> std::optional<Version> {
    auto q = c.Prepare(
        "SELECT e.content_id, e.state, c.audience, COALESCE(c.edited_at, 0), COALESCE(e.published_at, 0), b.changed_at FROM blogs b"
        " JOIN blog_entries e ON e.blog_id = b.id JOIN content c ON c.id = e.content_id WHERE b.handle = ?1 AND e.slug = ?2",
        blog, slug);
    if (!q.Next() || q.TextView(1) != "published" || q.TextView(2) != "public") return std::nullopt;
    // (The blog's changed_at moves with any change of its entries, co-authors too.)
    return Version{q.Int(0), std::to_string(q.Int(3)) + ":" + std::to_string(q.Int(4)) + ":" + std::to_string(q.Int(5))};
  });
  if (!version) return Error::NotFound("no such page");
  const std::int64_t now = clock_.NowMs();
  PublicPage page;
  bool hit = false;
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(key); it != cache_.end() && it->second.version == version->text && now - it->second.made_at < kFreshMs) {
      page = it->second.page;
      hit = true;
    }
  }
  if (!hit) {
    auto made = db_.Read([&](Connection& c) -> std::optional<PublicPage> {
      auto e = store::LoadEntry(c, version->id);
      auto b = e ? store::LoadBlog(c, e->blog_id) : std::nullopt;
      if (!e || !b) return std::nullopt;
      const auto author = people::store::CardOf(c, e->head.author_id);
      std::string names = author.display_name;  // the author and the co-authors credited beside them
      for (Id co : store::Coauthors(c, e->head.id)) names += ", " + people::store::CardOf(c, co).display_name;
      const auto tags = content::store::Tags(c, e->head.id);
      const std::string language = e->head.language.empty() ? site_language_() : e->head.language;
      const std::string path = PublicPath(*b, *e);
      const std::string canonical = base_url_ + path;
      const std::int64_t published = e->published_at.value_or(e->head.created_at);
      const std::int64_t modified = std::max(published, e->head.edited_at.value_or(0));
      const std::string description = text::Excerpt(e->excerpt.empty() ? markdown::ToPlainText(e->body) : e->excerpt, 300);
      const std::string body = content::NameMentions(c, e->body_html);

      std::vector<Meta> meta = {
          {"description", description, true},
          {"og:type", "article"},
          {"og:title", e->title},
          {"og:description", description},
          {"og:url", canonical},
          {"og:site_name", b->name},
          {"og:locale", language},
          {"article:published_time", FormatRfc3339(published)},
          {"article:modified_time", FormatRfc3339(modified)},
          {"article:author", names},
          {"twitter:card", "summary", true},
          {"twitter:title", e->title, true},
          {"twitter:description", description, true},
      };
      for (const auto& tag : tags) meta.push_back({"article:tag", tag});
      // Its cover: shown above the text, and what a link's preview shows (a large card).
      const auto cover = e->cover_image_id ? images::store::Load(c, *e->cover_image_id) : std::nullopt;
      const std::string cover_path = cover ? "/api/v1/images/" + IdToString(cover->id) + "/" + std::to_string(images::kLarge) : "";
      if (cover) {
        meta.push_back({"og:image", base_url_ + cover_path});
        meta.push_back({"og:image:width", std::to_string(cover->width)});
        meta.push_back({"og:image:height", std::to_string(cover->height)});
        if (!cover->alt.empty()) meta.push_back({"og:image:alt", cover->alt});
        for (auto& m : meta)
          if (m.property == "twitter:card") m.content = "summary_large_image";
      }

      std::string html;
      html.reserve(4096 + body.size());
      html += "<!doctype html>\n<html lang=\"" + text::HtmlEscape(language) + "\">\n<head>\n<meta charset=\"utf-8\">\n";
      html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
      html += "<title>" + text::HtmlEscape(e->title) + " · " + text::HtmlEscape(b->name) + "</title>\n";
      html += "<link rel=\"canonical\" href=\"" + text::HtmlEscape(canonical) + "\">\n";
      html += "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + text::HtmlEscape(b->name) + "\" href=\"" +
              text::HtmlEscape(base_url_ + "/feeds/blogs/" + b->handle) + "\">\n";
      html += "<link rel=\"stylesheet\" href=\"/public-page.css\">\n";
      for (const auto& m : meta)
        html += std::string("<meta ") + (m.name ? "name" : "property") + "=\"" + std::string(m.property) + "\" content=\"" +
                text::HtmlEscape(m.content) + "\">\n";
      html += "</head>\n<body>\n<header class=\"site\"><p class=\"blog-name\">" + text::HtmlEscape(b->name) + "</p>";
      html += "<a href=\"/feeds/blogs/" + text::HtmlEscape(b->handle) + "\">" + text::HtmlEscape(messages::Format(language, "page.subscribe")) + "</a></header>\n";
      html += "<main>\n<article>\n<h1>" + text::HtmlEscape(e->title) + "</h1>\n<p class=\"byline\">";
      html += text::HtmlEscape(messages::Format(language, "page.by", {{"name", names}}));
      html += " · <time datetime=\"" + FormatRfc3339(published) + "\">" + Day(published) + "</time> · ";
      html += text::HtmlEscape(messages::Format(language, "page.reading_time", {{"minutes", ReadingMinutes(e->body)}}));
      html += "</p>\n";
      if (cover)
        html += "<figure class=\"cover\"><img src=\"" + cover_path + "\" alt=\"" + text::HtmlEscape(cover->alt) + "\" width=\"" +
                std::to_string(cover->width) + "\" height=\"" + std::to_string(cover->height) + "\"></figure>\n";
      html += "<div class=\"entry-body\">\n" + body + "</div>\n";
      if (!tags.empty()) {
        html += "<ul class=\"tags\">";
        for (const auto& tag : tags) html += "<li>#" + text::HtmlEscape(tag) + "</li>";
        html += "</ul>\n";
      }
      html += "</article>\n</main>\n</body>\n</html>\n";

      PublicPage made;
      char etag[24];
      std::snprintf(etag, sizeof etag, "\"%016llx\"", static_cast<unsigned long long>(XXH3_64bits(html.data(), html.size())));
      made.etag = etag;
      made.path = path;
      made.modified = modified;
      made.html = std::make_shared<const std::string>(std::move(html));
      return made;
    });
    if (!made) return Error::NotFound("no such page");
    page = *made;
    std::lock_guard lock(mu_);
    if (cache_.size() >= kMaxCached) cache_.erase(cache_.begin());
    cache_[key] = Cached{version->text, now, page};
  }
  // An address with another year or month (a link made by hand) goes to the entry's own.
  const std::string asked = "/blogs/" + std::string(blog) + "/" + std::string(year) + "/" + std::string(month) + "/" + std::string(slug);
  if (page.path != asked) {
    PublicPage moved;
    moved.moved_to = page.path;
    return moved;
  }
  return page;
}

std::string PublicPages::Sitemap() {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  db_.Read([&](Connection& c) {
    auto q = c.Prepare(
        "SELECT b.handle, e.slug, e.published_at, COALESCE(c.edited_at, 0), e.content_id FROM blog_entries e"
        " JOIN content c ON c.id = e.content_id JOIN blogs b ON b.id = e.blog_id"
        " WHERE e.state = 'published' AND c.audience = 'public' ORDER BY e.published_at DESC LIMIT ?1",
        kSitemapEntries);
    while (q.Next()) {
      Blog b;
      b.handle = q.Text(0);
      blogs::Entry e;
      e.slug = q.Text(1);
      e.published_at = q.Int(2);
      e.head.id = q.Int(4);
      out += "<url><loc>";
      out += text::HtmlEscape(base_url_ + PublicPath(b, e));
      out += "</loc><lastmod>" + FormatRfc3339(std::max(q.Int(2), q.Int(3))) + "</lastmod></url>\n";
    }
  });
  out += "</urlset>\n";
  return out;
}

}  // namespace agora::blogs
