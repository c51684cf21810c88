// Forum topics as search documents (modules/find/kinds.h): the title (weighted) and the
// body, in the topic's language, read by its community's readers.
#pragma once

#include "modules/find/kinds.h"

namespace agora::forum {
find::Kind SearchKind();
}  // namespace agora::forum
