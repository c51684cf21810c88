// A space's changes in its followers' home feed (issue 19: "edits to a page show in the feed
// of its space's followers as one 'what changed' item per editing session").
#pragma once

#include "modules/feed/service.h"
#include "modules/wiki/service.h"

namespace agora::wiki {

// A home feed source (feed/service.h) of the editing sessions in the spaces the reader
// watches (wiki/watch.h WatchedChanges), as ChangeJson shows them.
feed::HomeSource WatchedSpacesSource();

}  // namespace agora::wiki
