// The one audience rule (DESIGN.md "Audience: one rule, everywhere"): CanRead for one
// content, and the same rule as an SQL predicate for lists. Every read path of every kind
// (posts, feeds, comments, reactions, notifications, counts, live events) goes through them.
//
//   public        anyone, signed in or not
//   organization  members and admins
//   community     the active members of its community (content.container_id), whatever
//                 their role: an alumnus in an alumni community, a guest in one that allows
//                 guests; someone removed or banned loses it at once (authors included).
//                 An open community's content is also read by everyone in the organization
//                 (members and admins) before they join, as its page is, except those it
//                 banned; taking part in it
//                 (comments, reactions, replies) is for its members (CanTakePart).
//   restricted    the author and the people listed in content_readers (not alumni)
//   private       the author (drafts)
// Alumni read public content, and their communities'.
#pragma once

#include "core/result.h"
#include "modules/content/model.h"
#include "store/database.h"

namespace agora::content {

bool CanRead(agora::store::Connection& c, const Viewer& viewer, const ContentHead& head);
// Whether the viewer reads the content of this community (the rule above, for one community:
// the fast paths that ask once per community use it).
bool ReadsCommunity(agora::store::Connection& c, const Viewer& viewer, Id community_id);
// Whether the viewer may comment on or react to the content: they read it and, for a
// community's content, they are its member (readers of an open community join first).
bool CanTakePart(agora::store::Connection& c, const Viewer& viewer, const ContentHead& head);
// The content `id` when the viewer may read it; 404 otherwise (what does not exist and what
// may not be read look alike).
Result<ContentHead> LoadReadable(agora::store::Connection& c, const Viewer& viewer, Id id);

// `(...)` over a content row aliased `c`, with the viewer bound by BindViewer to parameters
// ?901 (id), ?902 (reads organization content) and ?903 (reads beyond public). A query that
// uses it binds its own parameters below 900.
inline constexpr const char* kVisibleToViewer =
    "(c.audience = 'public'"
    " OR (c.audience = 'community' AND EXISTS (SELECT 1 FROM community_members m"
    " WHERE m.community_id = c.container_id AND m.person_id = ?901 AND m.state = 'active'))"
    " OR (c.audience = 'community' AND ?902 = 1 AND EXISTS (SELECT 1 FROM communities k"
    " WHERE k.id = c.container_id AND k.type = 'open') AND NOT EXISTS (SELECT 1 FROM community_members b"
    " WHERE b.community_id = c.container_id AND b.person_id = ?901 AND b.state = 'banned'))"
    " OR (?903 = 1 AND c.audience <> 'community' AND (c.author_id = ?901"
    " OR (c.audience = 'organization' AND ?902 = 1)"
    " OR (c.audience = 'restricted' AND EXISTS (SELECT 1 FROM content_readers r"
    " WHERE r.content_id = c.id AND r.person_id = ?901)))))";
void BindViewer(agora::store::Query& q, const Viewer& viewer);

}  // namespace agora::content
