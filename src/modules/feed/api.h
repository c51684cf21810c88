#pragma once

#include "http/router.h"
#include "modules/feed/service.h"

namespace agora::feed {

// The feed and hashtag routes.
void RegisterApi(http::Router& router, FeedService& feed);

}  // namespace agora::feed
