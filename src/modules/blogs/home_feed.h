// The entries of the blogs a person follows, in their home feed among the posts (issue 18:
// "follow a blog: its entries in the home feed and notifications").
#pragma once

#include "modules/blogs/service.h"
#include "modules/feed/service.h"

namespace agora::blogs {

// A home feed source (feed/service.h) of followed blogs' entries, as the entry API shows them.
feed::HomeSource FollowedBlogsSource(BlogService& blogs);

}  // namespace agora::blogs
