// Blogs and their entries as search documents (modules/find/kinds.h).
#pragma once

#include "modules/find/kinds.h"

namespace agora::blogs {
// An entry: title (weighted), excerpt and body, in the entry's language, read by whoever its
// content row's audience names (drafts by their writers only), dated by publication.
find::Kind EntrySearchKind();
// A blog: its name (found by typeahead too), handle and description, seen by whoever its
// audience names and by its writers; not dated, like people.
find::Kind BlogSearchKind();
}  // namespace agora::blogs
