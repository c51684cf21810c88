// Comments as search documents (modules/find/kinds.h): read by whoever reads what they are
// on, in its language.
#pragma once

#include "modules/find/kinds.h"

namespace agora::comments {
find::Kind SearchKind();
}  // namespace agora::comments
