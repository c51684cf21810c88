#include "modules/blogs/paths.h"

#include <cstdio>
#include <ctime>

namespace agora::blogs {

std::string PublicPath(const Blog& blog, const Entry& e) {
  const std::time_t at = static_cast<std::time_t>(e.published_at.value_or(e.head.created_at) / 1000);
  std::tm tm{};
  gmtime_r(&at, &tm);
  char ym[32];
  std::snprintf(ym, sizeof ym, "%04d/%02d", tm.tm_year + 1900, tm.tm_mon + 1);
  return "/blogs/" + blog.handle + "/" + ym + "/" + e.slug;
}

std::string AppPath(const Blog& blog, const Entry& e) { return "/blogs/" + blog.handle + "/entries/" + IdToString(e.head.id); }

std::string EntryPath(const Blog& blog, const Entry& e) {
  const bool world = e.state == EntryState::kPublished && e.head.audience == content::Audience::kPublic;
  return world ? PublicPath(blog, e) : AppPath(blog, e);
}

}  // namespace agora::blogs
