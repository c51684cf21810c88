// The wiki's wire format (openapi.yaml's WikiSpace, WikiPage, WikiPageRef, WikiRevision,
// WikiDiff and WikiConflict).
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "modules/wiki/diff.h"
#include "modules/wiki/merge.h"
#include "modules/wiki/model.h"
#include "modules/wiki/service.h"
#include "modules/wiki/watch.h"

namespace agora::wiki::json {

boost::json::object SpaceJson(const SpaceView& v);
boost::json::object RefJson(const PageRef& r);
// A page's JSON text (openapi.yaml's WikiPage): from its kept members when the view came from
// the page cache (page_cache.h), spliced after the reader's own, without building them again.
std::string PageText(const PageView& v);
// The members every reader of the revision gets, as page_cache.h keeps them.
std::string PageFixedText(const PageView& v);
boost::json::object RevisionJson(const Revision& r, const people::Card& author, bool with_body);
boost::json::object DiffJson(int from, int to, const std::vector<DiffHunk>& hunks);
// The `conflict` member of a 409 problem: the current revision and the passages.
boost::json::object ConflictJson(const SaveOutcome& o);
// An editing session in a follower's home feed (feed/service.h HomeItem, kind "wiki_change").
boost::json::object ChangeJson(const ChangeItem& it, const people::Card& author);

}  // namespace agora::wiki::json
