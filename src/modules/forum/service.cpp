#include "modules/forum/service.h"

#include "core/cursor.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/comments/store.h"
#include "modules/communities/store.h"
#include "modules/content/audience.h"
#include "modules/content/body.h"
#include "modules/content/store.h"
#include "modules/forum/store.h"
#include "modules/people/store.h"

namespace agora::forum {
namespace {

using agora::store::Connection;

content::Viewer AsViewer(const identity::Principal& p) { return {p.user.id, p.user.role}; }

Result<std::string> CheckTitle(std::string_view raw) {
  if (!text::IsValidUtf8(raw)) return Error::Invalid("title", "must be valid UTF-8");
  std::string t(text::Trim(raw));
  if (t.empty()) return Error::Invalid("title", "a title is 1 to 200 characters of text").Because("required");
  if (text::CodePoints(t) > ForumService::kMaxTitle)
    return Error::Invalid("title", "a title is 1 to 200 characters of text").Because("too_long", ForumService::kMaxTitle);
  if (text::HasControlCharacters(t)) return Error::Invalid("title", "a title is 1 to 200 characters of text");
  return t;
}

bool Moderates(Connection& c, Id community, Id person) {
  auto m = communities::store::MembershipOf(c, community, person);
  return m && m->manages();
}

}  // namespace

std::optional<TopicView> ForumService::ViewOf(Connection& c, const content::Viewer& viewer, Topic t) {
  if (!content::CanRead(c, viewer, t.head)) return std::nullopt;
  TopicView v;
  v.author = people::store::CardOf(c, t.head.author_id);
  v.following = viewer.signed_in() && store::Follows(c, t.head.id, viewer.id);
  v.can_moderate = viewer.signed_in() && Moderates(c, t.community_id, viewer.id);
  t.body_html = content::NameMentions(c, std::move(t.body_html));
  v.topic = std::move(t);
  return v;
}

Result<TopicView> ForumService::Create(const identity::Principal& who, std::string_view key, const NewTopic& in) {
  auto title = CheckTitle(in.title);
  if (!title) return title.error();
  auto body = content::CheckBody(in.body, "body", kMaxBody);
  if (!body) return body.error();
  const std::int64_t now = clock_.NowMs();
  auto id = db_.Write([&](Connection& c) -> Result<Id> {
    auto community = communities::store::FindVisible(c, AsViewer(who), key);
    if (!community) return community.error();
    if (!community->mine || !community->mine->active()) return Error::Forbidden("only members post topics");
    Topic t;
    t.head.id = ids_.Next();
    t.head.kind = "topic";
    t.head.author_id = who.user.id;
    t.head.container_id = community->community.id;
    t.head.audience = content::Audience::kCommunity;
    t.head.created_at = now;
    t.head.language = in.language;
    t.community_id = community->community.id;
    t.title = *title;
    t.body = *body;
    auto rendered = content::RenderBody(c, *body);
    t.body_html = rendered.html;
    t.question = in.question;
    store::Insert(c, t);
    content::store::SetTags(c, t.head.id, rendered.tags);
    store::Follow(c, t.head.id, who.user.id);
    return t.head.id;
  });
  if (!id) return id.error();
  return Get(AsViewer(who), *id);
}

Result<TopicPage> ForumService::List(const content::Viewer& viewer, std::string_view key, std::string_view cursor, int limit) {
  int after_sticky = 2;
  Id after_id = 0;
  if (!cursor.empty()) {
    auto decoded = DecodeCursor(cursor);
    if (!decoded) return decoded.error();
    after_sticky = decoded->key == "s" ? 1 : 0;
    after_id = decoded->id;
  }
  return db_.Read([&](Connection& c) -> Result<TopicPage> {
    auto community = communities::store::FindVisible(c, viewer, key);
    if (!community) return community.error();
    auto topics = store::OfCommunity(c, viewer, community->community.id, after_sticky, after_id == 0 ? INT64_MAX : after_id, limit + 1);
    TopicPage page;
    if (static_cast<int>(topics.size()) > limit) {
      topics.pop_back();
      page.next_cursor = EncodeCursor({topics.back().sticky ? "s" : "n", topics.back().head.id});
    }
    for (auto& t : topics)
      if (auto v = ViewOf(c, viewer, std::move(t))) page.items.push_back(std::move(*v));
    return page;
  });
}

Result<TopicView> ForumService::Get(const content::Viewer& viewer, Id id) {
  return db_.Read([&](Connection& c) -> Result<TopicView> {
    auto t = store::Load(c, id);
    if (!t) return Error::NotFound("no such topic");
    auto v = ViewOf(c, viewer, std::move(*t));
    if (!v) return Error::NotFound("no such topic");
    return std::move(*v);
  });
}

Result<TopicView> ForumService::Update(const identity::Principal& who, Id id, const TopicChange& ch) {
  const content::Viewer me = AsViewer(who);
  auto st = db_.Write([&](Connection& c) -> Status {
    auto t = store::Load(c, id);
    if (!t || !content::CanRead(c, me, t->head)) return Error::NotFound("no such topic");
    const bool author = t->head.author_id == who.user.id;
    const bool moderator = Moderates(c, t->community_id, who.user.id);
    if ((ch.title || ch.body) && !author) return Error::Forbidden("only its author edits a topic");
    if ((ch.sticky || ch.locked) && !moderator) return Error::Forbidden("only the community's owners and moderators pin or lock topics");
    if (ch.title) {
      auto v = CheckTitle(*ch.title);
      if (!v) return v.error();
      t->title = *v;
    }
    if (ch.body) {
      auto v = content::CheckBody(*ch.body, "body", kMaxBody);
      if (!v) return v.error();
      t->body = *v;
      auto rendered = content::RenderBody(c, *v);
      t->body_html = rendered.html;
      content::store::SetTags(c, id, rendered.tags);
      content::store::MarkEdited(c, id, clock_.NowMs());
    }
    // Pinning, locking, and a moderator's choice of answer are moderation: audited.
    const std::int64_t now = clock_.NowMs();
    auto moderated = [&](const char* action) {
      audit::Record(c, {ids_.Next(), who.user.id, action, "content", id, "{}", "", now});
    };
    if (ch.sticky && *ch.sticky != t->sticky) moderated(*ch.sticky ? "topic.pin" : "topic.unpin");
    if (ch.locked && *ch.locked != t->locked) moderated(*ch.locked ? "topic.lock" : "topic.unlock");
    if (ch.sticky) t->sticky = *ch.sticky;
    if (ch.locked) t->locked = *ch.locked;
    if (ch.answer_id) {
      if (!author && !moderator) return Error::Forbidden("only the asker or a moderator accepts an answer");
      if (!t->question) return Error::Invalid("answer_id", "only a question has an answer");
      if (*ch.answer_id) {
        auto reply = comments::store::Load(c, **ch.answer_id);
        if (!reply || reply->content_id != id) return Error::Invalid("answer_id", "no such reply on this topic");
      }
      if (!author) moderated("topic.answer");
      t->answer_id = *ch.answer_id;
    }
    store::Update(c, *t);
    return OkStatus();
  });
  if (!st) return st.error();
  return Get(me, id);
}

Status ForumService::Delete(const identity::Principal& who, Id id, const std::string& ip) {
  const content::Viewer me = AsViewer(who);
  return db_.Write([&](Connection& c) -> Status {
    auto t = store::Load(c, id);
    if (!t || !content::CanRead(c, me, t->head)) return Error::NotFound("no such topic");
    const bool own = t->head.author_id == who.user.id;
    if (!own && !who.is_admin() && !Moderates(c, t->community_id, who.user.id))
      return Error::Forbidden("only its author, the community's moderators or an admin deletes a topic");
    content::store::Delete(c, id);  // the topic row, replies, reactions, notifications by cascade
    if (!own)
      audit::Record(c, {.id = ids_.Next(), .actor_id = who.user.id, .action = "topic.delete", .target_kind = "content", .target_id = id,
                        .detail = "{}", .ip = ip, .created_at = clock_.NowMs()});
    return OkStatus();
  });
}

Result<TopicView> ForumService::SetFollowing(const identity::Principal& who, Id id, bool follow) {
  const content::Viewer me = AsViewer(who);
  auto st = db_.Write([&](Connection& c) -> Status {
    auto t = store::Load(c, id);
    if (!t || !content::CanRead(c, me, t->head)) return Error::NotFound("no such topic");
    if (follow) store::Follow(c, id, who.user.id);
    else store::Unfollow(c, id, who.user.id);
    return OkStatus();
  });
  if (!st) return st.error();
  return Get(me, id);
}

}  // namespace agora::forum
