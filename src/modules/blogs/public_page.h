// The public page of an entry whose audience is the world (issue 18): HTML rendered by the
// server that works without JavaScript and without signing in, at the entry's readable address
// (paths.h), with a canonical link, Open Graph and Twitter card metadata and the blog's Atom
// feed. It shows the entry and its author's name only: no comments, nothing the world may not
// read. Rendered once and kept; each request checks the entry's version (one indexed read) so an
// edit, unpublishing or deleting shows at once. Also the sitemap of public entries. No HTTP types.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace agora::blogs {

struct PublicPage {
  std::shared_ptr<const std::string> html;
  std::string etag;            // strong, of the bytes
  std::int64_t modified = 0;   // unix ms
  std::string path;            // the entry's own address (paths.h)
  std::string moved_to;        // set instead when the address asked is not the entry's own (301)
};

class PublicPages {
 public:
  // `base_url`: the site's address, set once the server knows it (read at each render).
  PublicPages(agora::store::Database& db, const Clock& clock, const std::string& base_url, std::function<std::string()> site_language)
      : db_(db), clock_(clock), base_url_(base_url), site_language_(std::move(site_language)) {}

  // 404 for anything but a published public entry.
  Result<PublicPage> Entry(std::string_view blog, std::string_view year, std::string_view month, std::string_view slug);
  // sitemaps.org XML of the newest 50,000 public entries.
  std::string Sitemap();

  static constexpr std::int64_t kFreshMs = 10 * 60 * 1000;  // authors' names may change: kept 10 minutes at most

 private:
  struct Cached {
    std::string version;
    std::int64_t made_at = 0;
    PublicPage page;
  };
  agora::store::Database& db_;
  const Clock& clock_;
  const std::string& base_url_;
  std::function<std::string()> site_language_;
  std::mutex mu_;
  std::unordered_map<std::string, Cached> cache_;  // by "blog/slug"
};

}  // namespace agora::blogs
