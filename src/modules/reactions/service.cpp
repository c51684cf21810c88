#include "modules/reactions/service.h"

#include "core/cursor.h"
#include "modules/comments/store.h"
#include "modules/content/audience.h"
#include "modules/content/store.h"
#include "modules/notifications/writer.h"
#include "modules/people/store.h"
#include "modules/reactions/store.h"

namespace agora::reactions {
namespace {

using agora::store::Connection;

// A reaction's target: a content, or a comment on one. 404 unless the viewer may read it.
struct Target {
  content::ContentHead head;  // the content, or the content the comment is on
  Id id = 0;
  Id author_id = 0;
  bool is_comment = false;
};

Result<Target> FindTarget(Connection& c, const content::Viewer& viewer, Id id) {
  if (auto head = content::store::LoadHead(c, id)) {
    if (!content::CanRead(c, viewer, *head)) return Error::NotFound("no such content");
    return Target{*head, id, head->author_id, false};
  }
  if (auto m = comments::store::Load(c, id)) {
    if (m->held) return Error::NotFound("no such content");  // reactions come once it is approved
    auto head = content::LoadReadable(c, viewer, m->content_id);
    if (!head) return head.error();
    return Target{*head, id, m->author_id, true};
  }
  return Error::NotFound("no such content");
}

// After a change: counts for the screens showing the content, and the target author's
// notification count when it changed.
void Publish(bus::Bus* bus, Id actor, const Target& t, std::optional<Id> notified) {
  if (!bus) return;
  bus->Publish({.kind = bus::Event::Kind::kReactionsChanged, .actor = actor, .content_id = t.head.id,
                .comment_id = t.is_comment ? t.id : 0});
  if (notified) bus->Publish({.kind = bus::Event::Kind::kNotified, .actor = actor, .content_id = t.head.id, .people = {*notified}});
}

}  // namespace

Result<Summary> ReactionService::React(const identity::Principal& who, Id target_id, const std::string& kind) {
  if (!IsKind(kind)) return Error::Invalid("kind", "must be one of like, celebrate, support, love, insightful, funny");
  const content::Viewer me = content::ViewerOf(&who);
  const std::int64_t now = clock_.NowMs();
  std::optional<Target> changed;
  std::optional<Id> notified;
  auto summary = db_.Write([&](Connection& c) -> Result<Summary> {
    auto t = FindTarget(c, me, target_id);
    if (!t) return t.error();
    if (!content::CanTakePart(c, me, t->head)) return Error::Forbidden("join the community to react to what is posted in it");
    auto before = store::KindOf(c, t->id, who.user.id);
    if (before == kind) return store::SummaryOf(c, t->id, who.user.id);
    changed = *t;
    if (before) store::Remove(c, t->id, who.user.id, *before);
    store::Put(c, t->id, t->head.id, who.user.id, kind, now);
    if (!before && !t->is_comment) content::store::AddToCounts(c, t->head.id, 0, 1, 0);
    if (!before) {
      notifications::Event e{notifications::Kind::kReaction, t->author_id, who.user.id, t->head.id};
      if (t->is_comment) e.comment_id = t->id;
      e.group_target = t->id;
      if (notifications::Notify(c, ids_, e, now)) notified = t->author_id;
    }
    return store::SummaryOf(c, t->id, who.user.id);
  });
  if (summary && changed) Publish(bus_, who.user.id, *changed, notified);
  return summary;
}

Result<Summary> ReactionService::Unreact(const identity::Principal& who, Id target_id, const std::string& kind) {
  if (!IsKind(kind)) return Error::Invalid("kind", "must be one of like, celebrate, support, love, insightful, funny");
  const content::Viewer me = content::ViewerOf(&who);
  std::optional<Target> changed;
  auto summary = db_.Write([&](Connection& c) -> Result<Summary> {
    auto t = FindTarget(c, me, target_id);
    if (!t) return t.error();
    if (store::KindOf(c, t->id, who.user.id) == kind) {
      store::Remove(c, t->id, who.user.id, kind);
      if (!t->is_comment) content::store::AddToCounts(c, t->head.id, 0, -1, 0);
      notifications::WithdrawReaction(c, t->author_id, t->id, who.user.id);
      changed = *t;
    }
    return store::SummaryOf(c, t->id, who.user.id);
  });
  if (summary && changed) Publish(bus_, who.user.id, *changed, changed->author_id);
  return summary;
}

Result<WhoPage> ReactionService::Who(const content::Viewer& viewer, Id target_id, const std::string& kind,
                                     std::string_view cursor, int limit) {
  if (!kind.empty() && !IsKind(kind)) return Error::Invalid("kind", "must be one of like, celebrate, support, love, insightful, funny");
  std::int64_t before_time = INT64_MAX;
  Id before_person = INT64_MAX;
  if (!cursor.empty()) {
    auto c = DecodeCursor(cursor);
    if (!c) return c.error();
    auto t = ParseId(c->key);
    if (!t) return Error::Malformed("cursor is not valid");
    before_time = *t;
    before_person = c->id;
  }
  return db_.Read([&](Connection& c) -> Result<WhoPage> {
    auto t = FindTarget(c, viewer, target_id);
    if (!t) return t.error();
    WhoPage page;
    auto rows = store::Who(c, t->id, kind, before_time, before_person, limit + 1);
    if (static_cast<int>(rows.size()) > limit) {
      rows.pop_back();
      page.next_cursor = EncodeCursor({std::to_string(rows.back().created_at), rows.back().person_id});
    }
    for (auto& r : rows)
      page.items.push_back({people::store::CardOf(c, r.person_id), r.kind, r.created_at});
    page.summary = store::SummaryOf(c, t->id, viewer.id);
    return page;
  });
}

}  // namespace agora::reactions
