#pragma once

#include "http/router.h"
#include "modules/posts/service.h"

namespace agora::posts {

void RegisterApi(http::Router& router, PostService& service);

}  // namespace agora::posts
