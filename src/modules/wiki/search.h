// What search knows of the wiki: pages (title weighted most, then headings, then the text,
// in the page's language, read by whoever reads the page) and spaces (found by name).
#pragma once

#include "modules/find/kinds.h"

namespace agora::wiki {

find::Kind PageSearchKind();
find::Kind SpaceSearchKind();

}  // namespace agora::wiki
