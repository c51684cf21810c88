#pragma once

#include "http/router.h"
#include "modules/atom/tokens.h"

namespace agora::atom {

// /api/v1/me/feed-token: see whether one has a feed token, make a new one (shown once; the
// old one stops working), revoke it.
void RegisterApi(http::Router& router, FeedTokens& tokens);

}  // namespace agora::atom
