#pragma once

#include "http/router.h"
#include "modules/blogs/public_page.h"

namespace agora::blogs {

// GET /blogs/{blog}/{yyyy}/{mm}/{slug}: a public entry's page (public_page.h), for anyone, no
// credential read; GET /sitemap.xml: every public entry's address.
void RegisterPublicPages(http::Router& router, PublicPages& pages, std::function<std::string()> site_language);

}  // namespace agora::blogs
