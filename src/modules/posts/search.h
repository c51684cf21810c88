// Posts as search documents (modules/find/kinds.h): the body, in the post's language, with
// its hashtags, read by the post's audience.
#pragma once

#include "modules/find/kinds.h"

namespace agora::posts {
find::Kind SearchKind();
}  // namespace agora::posts
