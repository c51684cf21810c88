#include "live/push.h"

#include <boost/json/serialize.hpp>

#include <array>
#include <chrono>
#include <optional>
#include <unordered_map>

#include "modules/content/audience.h"
#include "modules/content/store.h"
#include "modules/posts/json.h"
#include "modules/reactions/store.h"

namespace agora::live {
namespace {

using agora::store::Connection;

constexpr const char* kFollows = "SELECT 1 FROM follows WHERE follower_id = ?1 AND followee_id = ?2";
constexpr const char* kFollowers = "SELECT follower_id FROM followers WHERE followee_id = ?1";
constexpr const char* kFollowsTag = "SELECT 1 FROM tag_follows WHERE person_id = ?1 AND tag = ?2";
constexpr const char* kTagFollowers = "SELECT person_id FROM tag_follows WHERE tag = ?1";
constexpr const char* kCommunityMembers =
    "SELECT person_id FROM community_members WHERE community_id = ?1 AND state = 'active' AND muted = 0";
constexpr const char* kInCommunityFeed =
    "SELECT 1 FROM community_members WHERE community_id = ?1 AND person_id = ?2 AND state = 'active' AND muted = 0";

content::Viewer AsViewer(const StreamReader& r) { return {r.user, r.role}; }

}  // namespace

void LivePush::Handle(const bus::Event& e) {
  using K = bus::Event::Kind;
  switch (e.kind) {
    case K::kPostCreated: PostCreated(e.content_id); break;
    case K::kPostDeleted:
      for (const auto& w : hub_.Watchers(e.content_id))
        hub_.SendTo(w.user, "post.deleted", "{\"id\":\"" + IdToString(e.content_id) + "\"}");
      break;
    case K::kCommentCreated:
    case K::kCommentChanged: CommentEvent(e); break;
    case K::kReactionsChanged: Counts(e.content_id); break;
    case K::kNotified:
      for (Id person : e.people)
        if (auto r = hub_.ReaderOf(person))
          hub_.SendTo(person, "notifications", "{\"unread\":" + std::to_string(notifications_.Unread(AsViewer(*r))) + "}");
      break;
    // Not pushed (yet): what pages do not show live. The caches follow these (bus.h).
    case K::kPostEdited:
    case K::kSharesChanged:
    case K::kProfileChanged:
    case K::kFollowsChanged:
    case K::kSubscriptionsChanged:
    case K::kAccountChanged:
    case K::kAccessChanged:
    case K::kWikiTreeChanged: break;
  }
}

std::vector<Id> LivePush::Readable(const StreamReader& reader, std::vector<Id> ids) {
  return db_.Read([&](Connection& c) {
    std::erase_if(ids, [&](Id id) { return !content::LoadReadable(c, AsViewer(reader), id).ok(); });
    return ids;
  });
}

void LivePush::RenderMetrics(std::string& out) const {
  post_fanout_.Render(out, "agora_live_post_fanout_seconds", "");
  out += "agora_live_frames_total " + std::to_string(frames_.Value()) + "\n";
}

void LivePush::PostCreated(Id id) {
  auto present = hub_.Present();
  if (present.empty()) return;
  const auto started = std::chrono::steady_clock::now();
  db_.Read([&](Connection& c) {
    auto head = content::store::LoadHead(c, id);
    if (!head) return;
    auto tags = content::store::Tags(c, id);
    std::vector<StreamReader> recipients;
    if (present.size() <= kFewPresent) {
      for (const auto& r : present) {
        bool in_feed = r.user == head->author_id || c.Prepare(kFollows, r.user, head->author_id).Next() ||
                       content::store::IsReader(c, id, r.user) ||
                       (head->container_id && c.Prepare(kInCommunityFeed, *head->container_id, r.user).Next());
        for (size_t i = 0; !in_feed && i < tags.size(); ++i) in_feed = c.Prepare(kFollowsTag, r.user, tags[i]).Next();
        if (in_feed) recipients.push_back(r);
      }
    } else {
      std::unordered_map<Id, StreamReader> by_id;
      for (const auto& r : present) by_id.emplace(r.user, r);
      std::unordered_map<Id, bool> chosen;
      auto take = [&](Id person) {
        auto it = by_id.find(person);
        if (it != by_id.end() && chosen.emplace(person, true).second) recipients.push_back(it->second);
      };
      take(head->author_id);
      for (auto q = c.Prepare(kFollowers, head->author_id); q.Next();) take(q.Int(0));
      for (const auto& tag : tags)
        for (auto q = c.Prepare(kTagFollowers, tag); q.Next();) take(q.Int(0));
      for (Id reader : content::store::Readers(c, id)) take(reader);
      if (head->container_id)
        for (auto q = c.Prepare(kCommunityMembers, *head->container_id); q.Next();) take(q.Int(0));
    }
    // Rendered once for the author, once for admins and once for everyone else: the rest of
    // a post's JSON does not depend on who reads it. Each group gets one shared frame.
    std::array<std::vector<Id>, 3> groups;
    std::array<std::optional<content::Viewer>, 3> sample;
    for (const auto& r : recipients) {
      auto viewer = AsViewer(r);
      if (!content::CanRead(c, viewer, *head)) continue;
      size_t cls = r.user == head->author_id ? 0 : r.role == identity::Role::kAdmin ? 1 : 2;
      groups[cls].push_back(r.user);
      if (!sample[cls]) sample[cls] = viewer;
    }
    for (size_t cls = 0; cls < groups.size(); ++cls) {
      if (groups[cls].empty()) continue;
      auto views = posts_.Views(c, *sample[cls], {id});
      if (views.empty()) continue;
      hub_.SendToMany(groups[cls], "post", boost::json::serialize(posts::json::PostJson(views.front(), *sample[cls])));
      frames_.Add(groups[cls].size());
    }
  });
  post_fanout_.ObserveNanos(static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count()));
}

void LivePush::CommentEvent(const bus::Event& e) {
  for (const auto& w : hub_.Watchers(e.content_id)) {
    auto viewer = AsViewer(w);
    if (e.kind == bus::Event::Kind::kCommentCreated) {
      auto comment = comments_.Get(viewer, e.comment_id);
      if (!comment) continue;
      hub_.SendTo(w.user, "comment", boost::json::serialize(posts::json::CommentJson(*comment, viewer)));
    } else {
      bool readable = db_.Read([&](Connection& c) { return content::LoadReadable(c, viewer, e.content_id).ok(); });
      if (readable)
        hub_.SendTo(w.user, "comment.changed",
                    "{\"content_id\":\"" + IdToString(e.content_id) + "\",\"comment_id\":\"" + IdToString(e.comment_id) + "\"}");
    }
  }
  Counts(e.content_id);
}

void LivePush::Counts(Id content_id) {
  auto watchers = hub_.Watchers(content_id);
  if (watchers.empty()) return;
  db_.Read([&](Connection& c) {
    auto head = content::store::LoadHead(c, content_id);
    if (!head) return;
    auto summary = reactions::store::SummaryOf(c, content_id, 0);
    std::string data = boost::json::serialize(boost::json::object{
        {"id", IdToString(content_id)},
        {"comment_count", head->comment_count},
        {"reaction_count", head->reaction_count},
        {"reactions", posts::json::ReactionsJson(summary)}});
    for (const auto& w : watchers)
      if (content::CanRead(c, AsViewer(w), *head)) hub_.SendTo(w.user, "counts", data);
  });
}

}  // namespace agora::live
