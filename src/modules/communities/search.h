// Communities as search documents (modules/find/kinds.h): name (weighted), handle, tags and
// description; found by whoever may know the community exists (store.h VisibleTo).
#pragma once

#include "modules/find/kinds.h"

namespace agora::communities {
find::Kind SearchKind();
}  // namespace agora::communities
