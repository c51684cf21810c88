#include "modules/blogs/public_api.h"

#include "core/clock.h"
#include "i18n/messages.h"
#include "core/text.h"

namespace agora::blogs {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

void RegisterPublicPages(http::Router& router, PublicPages& pages, std::function<std::string()> site_language) {
  const http::RouteOptions world{.access = Access::kAnonymous};
  router.Add(Method::kGet, "/blogs/{blog}/{year}/{month}/{slug}", world, [&pages, site_language](Request& req) {
    auto page = pages.Entry(req.Param("blog"), req.Param("year"), req.Param("month"), req.Param("slug"));
    Response r;
    r.content_type = "text/html; charset=utf-8";
    if (!page) {
      // A person followed a link: a page in words, not a problem document.
      const std::string language = site_language();
      r.status = 404;
      r.body = "<!doctype html>\n<html lang=\"" + text::HtmlEscape(language) + "\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                "<title>Agora</title><link rel=\"stylesheet\" href=\"/public-page.css\"></head>\n<body><main><h1>";
      r.body += text::HtmlEscape(messages::Format(language, "page.not_found")) + "</h1><p><a href=\"/\">Agora</a></p></main></body>\n</html>\n";
      return r;
    }
    if (!page->moved_to.empty()) {
      r.status = 301;
      r.headers.emplace_back("Location", page->moved_to);
      r.cache_control = "public, max-age=3600";
      return r;
    }
    r.shared_body = page->html;
    r.headers.emplace_back("ETag", page->etag);
    r.headers.emplace_back("Last-Modified", FormatHttpDate(page->modified / 1000));
    // Shared caches may keep it a minute; after that a conditional GET costs one indexed read.
    r.cache_control = "public, max-age=60";
    return r;
  });
  router.Add(Method::kGet, "/sitemap.xml", world, [&pages](Request&) {
    Response r;
    r.content_type = "application/xml; charset=utf-8";
    r.body = pages.Sitemap();
    r.cache_control = "public, max-age=3600";
    return r;
  });
}

}  // namespace agora::blogs
