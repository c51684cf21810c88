#include "modules/notifications/writer.h"

#include <algorithm>
#include <boost/json.hpp>
#include <string>

#include "modules/mail/outbox.h"

namespace agora::notifications {
namespace {

constexpr const char* kSetting = "SELECT enabled, delivery FROM notification_settings WHERE person_id = ?1 AND kind = ?2";
constexpr const char* kInsert =
    "INSERT INTO notifications (id, recipient_id, kind, actor_id, content_id, comment_id, group_key, created_at,"
    " updated_at, community_id, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)";
constexpr const char* kOpenGroup =
    "SELECT id FROM notifications WHERE recipient_id = ?1 AND group_key = ?2 AND read_at IS NULL";
constexpr const char* kAddActor = "INSERT INTO notification_actors (notification_id, actor_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kBumpGroup =
    "UPDATE notifications SET actor_id = ?2, updated_at = ?3,"
    " actor_count = (SELECT count(*) FROM notification_actors WHERE notification_id = ?1) WHERE id = ?1";
constexpr const char* kRemoveActor = "DELETE FROM notification_actors WHERE notification_id = ?1 AND actor_id = ?2";
constexpr const char* kActorsLeft =
    "SELECT actor_id, (SELECT count(*) FROM notification_actors WHERE notification_id = ?1)"
    " FROM notification_actors WHERE notification_id = ?1 ORDER BY rowid DESC LIMIT 1";
constexpr const char* kSetActors = "UPDATE notifications SET actor_id = ?2, actor_count = ?3 WHERE id = ?1";
constexpr const char* kDelete = "DELETE FROM notifications WHERE id = ?1";
constexpr const char* kAboutContent = "SELECT DISTINCT recipient_id FROM notifications WHERE content_id = ?1";
constexpr const char* kAboutComment = "SELECT DISTINCT recipient_id FROM notifications WHERE comment_id = ?1";
constexpr const char* kDeleteFollow =
    "DELETE FROM notifications WHERE recipient_id = ?1 AND actor_id = ?2 AND kind = 'follow' AND read_at IS NULL";

// Reactions group on their target ("reaction:<id>"), wiki changes on their page.
std::string GroupKey(Kind kind, Id target) { return std::string(KindName(kind)) + ":" + IdToString(target); }

}  // namespace

Delivery DeliveryOf(agora::store::Connection& c, Id person, Kind kind) {
  auto q = c.Prepare(kSetting, person, KindName(kind));
  if (!q.Next()) return DefaultDelivery(kind);
  if (q.Int(0) == 0) return Delivery::kOff;
  if (q.IsNull(1)) return DefaultDelivery(kind);
  return ParseDelivery(q.TextView(1)).value_or(DefaultDelivery(kind));
}

bool Notify(agora::store::Connection& c, IdGenerator& ids, const Event& e, std::int64_t now) {
  // Nobody is told of their own actions; a reminder is the one thing one is told by oneself.
  if ((e.recipient == e.actor && e.kind != Kind::kWikiReview) || e.recipient == 0) return false;
  const Delivery delivery = DeliveryOf(c, e.recipient, e.kind);
  if (delivery == Delivery::kOff) return false;
  std::optional<std::string> group;
  if (e.group_target) {
    group = GroupKey(e.kind, *e.group_target);
    auto q = c.Prepare(kOpenGroup, e.recipient, *group);
    if (q.Next()) {
      Id id = q.Int(0);
      c.Prepare(kAddActor, id, e.actor).Run();
      c.Prepare(kBumpGroup, id, e.actor, now).Run();
      return true;
    }
  }
  Id id = ids.Next();
  std::optional<std::string> digest;
  if (delivery == Delivery::kDaily || delivery == Delivery::kWeekly) digest = std::string(DeliveryName(delivery));
  c.Prepare(kInsert, id, e.recipient, KindName(e.kind), e.actor, e.content_id, e.comment_id, group, now, e.community_id,
            digest)
      .Run();
  if (group) c.Prepare(kAddActor, id, e.actor).Run();
  // By mail right away: queued with the notification, rendered (and its audience checked
  // again) when sent; a notification read in the app meanwhile is not mailed.
  if (delivery == Delivery::kEmail) {
    boost::json::object payload{{"notification_id", IdToString(id)}};
    mail::Enqueue(c, ids, {.kind = kMailNotification, .user_id = e.recipient, .payload = boost::json::serialize(payload)}, now);
  }
  return true;
}

void WithdrawReaction(agora::store::Connection& c, Id recipient, Id target, Id actor) {
  std::optional<Id> id;
  {
    auto q = c.Prepare(kOpenGroup, recipient, GroupKey(Kind::kReaction, target));
    if (q.Next()) id = q.Int(0);
  }
  if (!id) return;
  c.Prepare(kRemoveActor, *id, actor).Run();
  std::optional<std::pair<Id, std::int64_t>> left;
  {
    auto q = c.Prepare(kActorsLeft, *id);
    if (q.Next()) left.emplace(q.Int(0), q.Int(1));
  }
  if (!left) c.Prepare(kDelete, *id).Run();
  else c.Prepare(kSetActors, *id, left->first, left->second).Run();
}

std::vector<Id> RecipientsAbout(agora::store::Connection& c, Id content_id) {
  std::vector<Id> out;
  for (auto q = c.Prepare(kAboutContent, content_id); q.Next();) out.push_back(q.Int(0));
  return out;
}

std::vector<Id> RecipientsAboutComments(agora::store::Connection& c, const std::vector<Id>& comment_ids) {
  std::vector<Id> out;
  for (Id id : comment_ids)
    for (auto q = c.Prepare(kAboutComment, id); q.Next();)
      if (std::find(out.begin(), out.end(), q.Int(0)) == out.end()) out.push_back(q.Int(0));
  return out;
}

void RemoveAboutComment(agora::store::Connection& c, Kind kind, Id comment_id) {
  c.Prepare("DELETE FROM notifications WHERE comment_id = ?1 AND kind = ?2", comment_id, KindName(kind)).Run();
}

void WithdrawFollow(agora::store::Connection& c, Id recipient, Id actor) { c.Prepare(kDeleteFollow, recipient, actor).Run(); }

}  // namespace agora::notifications
