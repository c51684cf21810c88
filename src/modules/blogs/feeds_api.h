// The Atom feeds of blogs (RFC 4287), for feed readers: a blog's, an author's, a hashtag's,
// and an entry's comments. /feeds/... reads no credential and shows only public entries;
// /feeds/{feed_token}/... reads as the token's person (atom/tokens.h). Each answer carries
// Last-Modified and (from the server) an ETag, so readers poll with conditional GETs.
#pragma once

#include <functional>
#include <string>

#include "http/router.h"
#include "modules/atom/tokens.h"
#include "modules/blogs/syndication.h"

namespace agora::blogs {

struct FeedSite {
  std::string base_url;                       // set once the server knows its address
  std::function<std::string()> site_language;  // for readers with no language of their own
};

void RegisterFeeds(http::Router& router, BlogSyndication& feeds, atom::FeedTokens& tokens, const FeedSite& site);

}  // namespace agora::blogs
