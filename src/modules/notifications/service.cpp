#include "modules/notifications/service.h"

#include <string>

#include "core/cursor.h"
#include "core/markdown.h"
#include "core/text.h"
#include "modules/communities/store.h"
#include "modules/content/audience.h"
#include "modules/notifications/writer.h"
#include "modules/people/store.h"

namespace agora::notifications {
namespace {

using agora::store::Connection;

// Notifications about content the reader may no longer read (its audience was narrowed by
// an edit, or they lost their role) stay hidden, and out of the count.
const std::string kList = std::string(
    "SELECT n.id, n.kind, n.actor_id, n.actor_count, n.content_id, n.comment_id, n.created_at, n.updated_at,"
    " n.read_at IS NOT NULL, n.community_id,"
    // What it is about, in the same read (Describe): the content's kind, the community, the
    // comment's or the content's text, and the actor's reaction.
    " c.kind, co.handle, co.name, (SELECT m.body FROM comments m WHERE m.id = n.comment_id),"
    " (SELECT p.body FROM posts p WHERE p.content_id = n.content_id),"
    " coalesce((SELECT t.title FROM topics t WHERE t.content_id = n.content_id),"
    " (SELECT b.title FROM blog_entries b WHERE b.content_id = n.content_id),"
    " (SELECT w.title FROM wiki_pages w WHERE w.content_id = n.content_id)),"
    " (SELECT r.kind FROM reactions r WHERE n.kind = 'reaction' AND r.person_id = n.actor_id"
    " AND r.target_id = coalesce(n.comment_id, n.content_id))"
    " FROM notifications n LEFT JOIN content c ON c.id = n.content_id"
    " LEFT JOIN communities co ON co.id = n.community_id"
    " WHERE n.recipient_id = ?1 AND (n.updated_at < ?2 OR (n.updated_at = ?2 AND n.id < ?3))"
    " AND (n.content_id IS NULL OR ") + content::kVisibleToViewer + ")"
    " AND (n.community_id IS NULL OR " + communities::store::kVisibleToViewer + ")"
    " ORDER BY n.updated_at DESC, n.id DESC LIMIT ?4";
const std::string kUnread = std::string(
    "SELECT count(*) FROM notifications n LEFT JOIN content c ON c.id = n.content_id"
    " LEFT JOIN communities co ON co.id = n.community_id"
    " WHERE n.recipient_id = ?1 AND n.read_at IS NULL AND (n.content_id IS NULL OR ") + content::kVisibleToViewer + ")"
    " AND (n.community_id IS NULL OR " + communities::store::kVisibleToViewer + ")";
// Read in the app: no digest needs it any more.
constexpr const char* kMarkOne =
    "UPDATE notifications SET read_at = ?3, digest = NULL WHERE id = ?1 AND recipient_id = ?2 AND read_at IS NULL";
constexpr const char* kMarkAll =
    "UPDATE notifications SET read_at = ?2, digest = NULL WHERE recipient_id = ?1 AND read_at IS NULL";
constexpr const char* kSettings = "SELECT kind, enabled FROM notification_settings WHERE person_id = ?1";
constexpr const char* kPutSetting =
    "INSERT INTO notification_settings (person_id, kind, enabled) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (person_id, kind) DO UPDATE SET enabled = excluded.enabled";
constexpr const char* kPutDelivery =
    "INSERT INTO notification_settings (person_id, kind, enabled, delivery) VALUES (?1, ?2, 1, ?3)"
    " ON CONFLICT (person_id, kind) DO UPDATE SET enabled = 1, delivery = excluded.delivery";
constexpr const char* kLeaveDigest =
    "UPDATE notifications SET digest = NULL WHERE recipient_id = ?1 AND kind = ?2 AND digest IS NOT NULL";
constexpr const char* kMoveDigest =
    "UPDATE notifications SET digest = ?3 WHERE recipient_id = ?1 AND kind = ?2 AND digest IS NOT NULL";

std::int64_t CountUnread(Connection& c, const content::Viewer& v) {
  auto q = c.Prepare(kUnread, v.id);
  content::BindViewer(q, v);
  communities::store::BindViewer(q, v);
  q.Next();
  return q.Int(0);
}

Settings ReadSettings(Connection& c, Id person) {
  Settings s;
  for (Kind k : kAllKinds) s.kinds.emplace_back(k, true);
  auto q = c.Prepare(kSettings, person);
  while (q.Next())
    if (auto k = ParseKind(q.TextView(0)))
      for (auto& [kind, on] : s.kinds)
        if (kind == *k) on = q.Int(1) != 0;
  return s;
}

// What a notification is about, in a line (kList's columns 10-16): the reader may read the
// content (the list's audience rule), so its text may be shown.
void Describe(const agora::store::Query& q, Item& item) {
  constexpr size_t kSnippet = 120;
  auto text = [&](int i) { return q.IsNull(i) ? std::string() : q.Text(i); };
  item.content_kind = text(10);
  item.community_handle = text(11);
  item.community_name = text(12);
  // The comment's text, else the post's (without Markdown's marks) or the topic's title.
  if (!q.IsNull(13)) item.snippet = text::Excerpt(markdown::ToPlainText(q.Text(13)), kSnippet);
  else if (!q.IsNull(14)) item.snippet = text::Excerpt(markdown::ToPlainText(q.Text(14)), kSnippet);
  else if (!q.IsNull(15)) item.snippet = text::Excerpt(q.Text(15), kSnippet);
  item.reaction = text(16);
}

}  // namespace

std::string_view KindName(Kind k) {
  switch (k) {
    case Kind::kMention: return "mention";
    case Kind::kComment: return "comment";
    case Kind::kReply: return "reply";
    case Kind::kReaction: return "reaction";
    case Kind::kFollow: return "follow";
    case Kind::kShare: return "share";
    case Kind::kCommunityInvite: return "community_invite";
    case Kind::kCommunityRequest: return "community_request";
    case Kind::kCommunityAccepted: return "community_accepted";
    case Kind::kBlogEntry: return "blog_entry";
    case Kind::kCommentHeld: return "comment_held";
    case Kind::kWikiChange: return "wiki_change";
    case Kind::kWikiReview: return "wiki_review";
  }
  return "mention";
}

std::string_view DeliveryName(Delivery d) {
  switch (d) {
    case Delivery::kApp: return "app";
    case Delivery::kEmail: return "email";
    case Delivery::kDaily: return "daily";
    case Delivery::kWeekly: return "weekly";
    case Delivery::kOff: return "off";
  }
  return "app";
}

std::optional<Delivery> ParseDelivery(std::string_view s) {
  for (Delivery d : {Delivery::kApp, Delivery::kEmail, Delivery::kDaily, Delivery::kWeekly, Delivery::kOff})
    if (DeliveryName(d) == s) return d;
  return std::nullopt;
}

std::optional<Kind> ParseKind(std::string_view s) {
  for (Kind k : kAllKinds)
    if (KindName(k) == s) return k;
  return std::nullopt;
}

Result<Page> NotificationService::List(const identity::Principal& viewer, std::string_view cursor, int limit) {
  std::int64_t after_time = INT64_MAX;
  Id after_id = INT64_MAX;
  if (!cursor.empty()) {
    auto c = DecodeCursor(cursor);
    if (!c) return c.error();
    auto t = ParseId(c->key);
    if (!t) return Error::Malformed("cursor is not valid");
    after_time = *t;
    after_id = c->id;
  }
  auto v = content::ViewerOf(&viewer);
  return db_.Read([&](Connection& c) -> Result<Page> {
    Page page;
    auto q = c.Prepare(kList, viewer.user.id, after_time, after_id, limit + 1);
    content::BindViewer(q, v);
    communities::store::BindViewer(q, v);
    while (q.Next()) {
      Notification n;
      n.id = q.Int(0);
      n.kind = ParseKind(q.TextView(1)).value_or(Kind::kMention);
      n.actor_id = q.Int(2);
      n.actor_count = q.Int(3);
      n.content_id = q.OptInt(4);
      n.comment_id = q.OptInt(5);
      n.created_at = q.Int(6);
      n.updated_at = q.Int(7);
      n.read = q.Int(8) != 0;
      n.community_id = q.OptInt(9);
      Item item;
      item.n = n;
      Describe(q, item);
      page.items.push_back(std::move(item));
    }
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      const auto& last = page.items.back().n;
      page.next_cursor = EncodeCursor({std::to_string(last.updated_at), last.id});
    }
    for (auto& item : page.items) item.actor = people::store::CardOf(c, item.n.actor_id);
    page.unread = CountUnread(c, v);
    return page;
  });
}

std::int64_t NotificationService::Unread(const identity::Principal& viewer) { return Unread(content::ViewerOf(&viewer)); }

std::int64_t NotificationService::Unread(const content::Viewer& viewer) {
  return db_.Read([&](Connection& c) { return CountUnread(c, viewer); });
}

std::int64_t NotificationService::MarkRead(const identity::Principal& viewer, const std::vector<Id>& ids) {
  std::int64_t now = clock_.NowMs();
  db_.Write([&](Connection& c) {
    if (ids.empty()) c.Prepare(kMarkAll, viewer.user.id, now).Run();
    for (Id id : ids) c.Prepare(kMarkOne, id, viewer.user.id, now).Run();
  });
  return Unread(viewer);
}

Settings NotificationService::GetSettings(const identity::Principal& viewer) {
  return db_.Read([&](Connection& c) { return ReadSettings(c, viewer.user.id); });
}

DeliverySettings NotificationService::GetDelivery(Id person) {
  return db_.Read([&](Connection& c) {
    DeliverySettings s;
    for (Kind k : kAllKinds) s.kinds.emplace_back(k, DeliveryOf(c, person, k));
    return s;
  });
}

DeliverySettings NotificationService::PutDelivery(Id person, const DeliverySettings& change) {
  db_.Write([&](Connection& c) {
    for (const auto& [kind, d] : change.kinds) {
      // Off is `enabled` = 0, as the on/off settings say it; the way it came before stays, so
      // turning the kind on again brings it back.
      if (d == Delivery::kOff) c.Prepare(kPutSetting, person, KindName(kind), false).Run();
      else c.Prepare(kPutDelivery, person, KindName(kind), DeliveryName(d)).Run();
      // Waiting notifications of a kind no longer in a digest leave it.
      if (d != Delivery::kDaily && d != Delivery::kWeekly) c.Prepare(kLeaveDigest, person, KindName(kind)).Run();
      else c.Prepare(kMoveDigest, person, KindName(kind), DeliveryName(d)).Run();
    }
  });
  return GetDelivery(person);
}

Settings NotificationService::PutSettings(const identity::Principal& viewer, const Settings& change) {
  db_.Write([&](Connection& c) {
    for (const auto& [kind, on] : change.kinds) c.Prepare(kPutSetting, viewer.user.id, KindName(kind), on).Run();
  });
  return GetSettings(viewer);
}

}  // namespace agora::notifications
