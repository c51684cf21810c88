#pragma once

#include "http/router.h"
#include "modules/blogs/service.h"

namespace agora::blogs {

void RegisterApi(http::Router& router, BlogService& service);

}  // namespace agora::blogs
