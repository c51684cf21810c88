#include "modules/comments/service.h"

#include <algorithm>

#include "core/cursor.h"
#include "modules/audit/store.h"
#include "modules/comments/store.h"
#include "modules/content/audience.h"
#include "modules/content/body.h"
#include "modules/content/store.h"
#include "modules/notifications/writer.h"
#include "modules/people/store.h"
#include "modules/reactions/store.h"

namespace agora::comments {
namespace {

using agora::store::Connection;
using notifications::Kind;

// Notifies `person` of comment `m` on `head` when they may read the content; adds them to
// `notified` when a notification was written.
void NotifyIfReader(Connection& c, IdGenerator& ids, Kind kind, Id person, const content::ContentHead& head,
                    const Comment& m, std::int64_t now, std::vector<Id>& notified) {
  auto subject = people::store::LoadSubject(c, person, "");
  if (!subject || !subject->account.active) return;
  if (!content::CanRead(c, {subject->account.id, subject->account.role}, head)) return;
  if (notifications::Notify(c, ids, {kind, person, m.author_id, head.id, m.id}, now)) notified.push_back(person);
}

void Publish(bus::Bus* bus, bus::Event::Kind kind, Id actor, Id content_id, Id comment_id, std::vector<Id> people = {}) {
  if (bus) bus->Publish({.kind = kind, .actor = actor, .content_id = content_id, .comment_id = comment_id, .people = std::move(people)});
}

// Tells whom a comment shown to all tells: the content's author, the replied-to comment's
// author, the people it mentions and the content's followers, each once and if they may read it.
void NotifyOfShown(Connection& c, IdGenerator& ids, const content::ContentHead& head, const Comment& m,
                   const std::optional<Comment>& parent, const std::vector<identity::User>& mentioned, std::int64_t now,
                   std::vector<Id>& notified) {
  NotifyIfReader(c, ids, Kind::kComment, head.author_id, head, m, now, notified);
  if (parent && parent->author_id != head.author_id)
    NotifyIfReader(c, ids, Kind::kReply, parent->author_id, head, m, now, notified);
  for (const auto& u : mentioned)
    if (u.id != head.author_id && (!parent || u.id != parent->author_id))
      NotifyIfReader(c, ids, Kind::kMention, u.id, head, m, now, notified);
  // People who follow the content (a forum topic) hear of every new comment, once.
  for (Id follower : content::store::Followers(c, head.id))
    if (follower != head.author_id && (!parent || follower != parent->author_id) &&
        std::find(notified.begin(), notified.end(), follower) == notified.end())
      NotifyIfReader(c, ids, Kind::kComment, follower, head, m, now, notified);
}

// Whether `viewer` may read comment `m`: they read its content, and it is shown to all, or
// theirs, or theirs to moderate.
bool SeesComment(Connection& c, const ModerationRule* rule, const content::Viewer& viewer,
                 const content::ContentHead& head, const Comment& m) {
  if (!m.held || (viewer.signed_in() && m.author_id == viewer.id)) return true;
  return rule && viewer.signed_in() && rule->moderates(c, head, viewer.id);
}

}  // namespace

CommentView ViewOf(Connection& c, const content::Viewer& viewer, Comment m) {
  CommentView v;
  v.author = people::store::CardOf(c, m.author_id);
  v.reactions = reactions::store::SummaryOf(c, m.id, viewer.id);
  m.body_html = content::NameMentions(c, std::move(m.body_html));
  v.comment = std::move(m);
  return v;
}

const ModerationRule* CommentService::RuleFor(const content::ContentHead& head) const {
  auto it = rules_.find(head.kind);
  return it == rules_.end() ? nullptr : &it->second;
}

Result<Page> CommentService::List(const content::Viewer& viewer, Id content_id, std::string_view cursor, int limit) {
  Id after = 0;
  if (!cursor.empty()) {
    auto c = DecodeCursor(cursor);
    if (!c) return c.error();
    after = c->id;
  }
  return db_.Read([&](Connection& c) -> Result<Page> {
    auto head = content::LoadReadable(c, viewer, content_id);
    if (!head) return head.error();
    Page page;
    const ModerationRule* rule = RuleFor(*head);
    const bool moderates = rule && viewer.signed_in() && rule->moderates(c, *head, viewer.id);
    auto rows = store::Page(c, content_id, after, limit + 1, viewer.id, moderates);
    if (static_cast<int>(rows.size()) > limit) {
      rows.pop_back();
      page.next_cursor = EncodeCursor({"", rows.back().id});
    }
    for (auto& m : rows) page.items.push_back(ViewOf(c, viewer, std::move(m)));
    return page;
  });
}

Result<CommentView> CommentService::Create(const identity::Principal& author, Id content_id, const std::string& text,
                                           std::optional<Id> reply_to) {
  auto body = content::CheckBody(text, "body", kMaxBody);
  if (!body) return body.error();
  const content::Viewer me = content::ViewerOf(&author);
  const std::int64_t now = clock_.NowMs();
  std::vector<Id> notified;
  auto created = db_.Write([&](Connection& c) -> Result<CommentView> {
    auto head = content::LoadReadable(c, me, content_id);
    if (!head) return head.error();
    if (!content::CanTakePart(c, me, *head)) return Error::Forbidden("join the community to comment on what is posted in it");
    if (content::store::IsLocked(c, content_id)) return Error::Forbidden("this is locked: no new comments or replies");
    const ModerationRule* rule = RuleFor(*head);
    const Admission admission = rule ? rule->admit(c, *head, author.user.id) : Admission::kOpen;
    if (admission == Admission::kClosed) return Error::Forbidden("comments are closed here");
    Comment m;
    m.held = admission == Admission::kHeld;
    m.id = ids_.Next();
    m.content_id = content_id;
    m.author_id = author.user.id;
    m.created_at = now;
    std::optional<Comment> parent;
    if (reply_to) {
      parent = store::Load(c, *reply_to);
      // A held comment takes no replies until it is approved.
      if (!parent || parent->content_id != content_id || parent->held)
        return Error::Invalid("reply_to", "no such comment on this content");
      m.reply_to = parent->reply_to.value_or(parent->id);  // two levels: a reply to a reply joins its thread
    }
    auto rendered = content::RenderBody(c, *body);
    m.body = *body;
    m.body_html = rendered.html;
    store::Insert(c, m);
    if (m.held) {
      for (Id moderator : rule->moderators(c, *head))
        NotifyIfReader(c, ids_, Kind::kCommentHeld, moderator, *head, m, now, notified);
    } else {
      content::store::AddToCounts(c, content_id, 1, 0, 0);
      NotifyOfShown(c, ids_, *head, m, parent, rendered.mentioned, now, notified);
    }
    return ViewOf(c, me, std::move(m));
  });
  if (created) {
    // Readers watching the page see it come; a held one only when approved.
    if (!created->comment.held) Publish(bus_, bus::Event::Kind::kCommentCreated, author.user.id, content_id, created->comment.id);
    if (!notified.empty()) Publish(bus_, bus::Event::Kind::kNotified, author.user.id, content_id, created->comment.id, notified);
  }
  return created;
}

Result<CommentView> CommentService::Get(const content::Viewer& viewer, Id comment_id) {
  return db_.Read([&](Connection& c) -> Result<CommentView> {
    auto m = store::Load(c, comment_id);
    if (!m) return Error::NotFound("no such comment");
    auto head = content::LoadReadable(c, viewer, m->content_id);
    if (!head || !SeesComment(c, RuleFor(*head), viewer, *head, *m)) return Error::NotFound("no such comment");
    return ViewOf(c, viewer, std::move(*m));
  });
}

Result<CommentView> CommentService::Edit(const identity::Principal& author, Id comment_id, const std::string& text) {
  auto body = content::CheckBody(text, "body", kMaxBody);
  if (!body) return body.error();
  const content::Viewer me = content::ViewerOf(&author);
  auto edited = db_.Write([&](Connection& c) -> Result<CommentView> {
    auto m = store::Load(c, comment_id);
    if (!m) return Error::NotFound("no such comment");
    auto head = content::LoadReadable(c, me, m->content_id);
    if (!head || !SeesComment(c, RuleFor(*head), me, *head, *m)) return Error::NotFound("no such comment");
    if (m->author_id != author.user.id) return Error::Forbidden("only the author edits a comment");
    const std::int64_t now = clock_.NowMs();
    auto rendered = content::RenderBody(c, *body);
    store::UpdateBody(c, comment_id, *body, rendered.html, now);
    m->body = *body;
    m->body_html = rendered.html;
    m->edited_at = now;
    return ViewOf(c, me, std::move(*m));
  });
  if (edited) Publish(bus_, bus::Event::Kind::kCommentChanged, author.user.id, edited->comment.content_id, comment_id);
  return edited;
}

Status CommentService::Delete(const identity::Principal& who, Id comment_id, const std::string& ip) {
  const content::Viewer me = content::ViewerOf(&who);
  Id content_id = 0;
  std::vector<Id> notified;  // whose notifications go with the comments
  auto st = db_.Write([&](Connection& c) -> Status {
    auto m = store::Load(c, comment_id);
    if (!m) return Error::NotFound("no such comment");
    auto head = content::LoadReadable(c, me, m->content_id);
    const ModerationRule* rule = head ? RuleFor(*head) : nullptr;
    if (!head || !SeesComment(c, rule, me, *head, *m)) return Error::NotFound("no such comment");
    bool own = m->author_id == who.user.id;
    const bool moderator = !own && !who.is_admin() &&
                           (content::store::ModeratesContainer(c, *head, who.user.id) || (rule && rule->moderates(c, *head, who.user.id)));
    if (!own && head->author_id != who.user.id && !who.is_admin() && !moderator)
      return Error::Forbidden("only the comment's author, the content's author, its moderators or an admin deletes a comment");
    content_id = m->content_id;
    auto gone = store::Thread(c, comment_id);
    const std::int64_t shown = store::ShownInThread(c, comment_id);
    notified = notifications::RecipientsAboutComments(c, gone);
    store::Delete(c, comment_id);  // replies and their notifications by cascade
    reactions::store::RemoveAllOn(c, gone);
    content::store::AddToCounts(c, m->content_id, -shown, 0, 0);
    if (!own && (who.is_admin() || moderator) && head->author_id != who.user.id)
      audit::Record(c, {.id = ids_.Next(), .actor_id = who.user.id, .action = "comment.delete", .target_kind = "comment",
                        .target_id = comment_id, .detail = "{}", .ip = ip, .created_at = clock_.NowMs()});
    return OkStatus();
  });
  if (!st) return st;
  Publish(bus_, bus::Event::Kind::kCommentChanged, who.user.id, content_id, comment_id);
  if (!notified.empty()) Publish(bus_, bus::Event::Kind::kNotified, who.user.id, content_id, comment_id, notified);
  return st;
}

Result<CommentView> CommentService::Approve(const identity::Principal& who, Id comment_id, const std::string& ip) {
  const content::Viewer me = content::ViewerOf(&who);
  const std::int64_t now = clock_.NowMs();
  std::vector<Id> notified;
  bool approved = false;
  auto done = db_.Write([&](Connection& c) -> Result<CommentView> {
    auto m = store::Load(c, comment_id);
    if (!m) return Error::NotFound("no such comment");
    auto head = content::LoadReadable(c, me, m->content_id);
    const ModerationRule* rule = head ? RuleFor(*head) : nullptr;
    if (!head || !SeesComment(c, rule, me, *head, *m)) return Error::NotFound("no such comment");
    if (!m->held) return ViewOf(c, me, std::move(*m));  // approved already: as it is
    if (!rule || !rule->moderates(c, *head, who.user.id))
      return Error::Forbidden("only those who moderate the comments here approve one");
    store::Approve(c, comment_id);
    m->held = false;
    approved = true;
    content::store::AddToCounts(c, m->content_id, 1, 0, 0);
    // The moderators' "waits for you" notices have done their work (their unread counts fall).
    notified = notifications::RecipientsAboutComments(c, {comment_id});
    notifications::RemoveAboutComment(c, Kind::kCommentHeld, comment_id);
    std::optional<Comment> parent;
    if (m->reply_to) parent = store::Load(c, *m->reply_to);
    NotifyOfShown(c, ids_, *head, *m, parent, content::RenderBody(c, m->body).mentioned, now, notified);
    rule->approved(c, *head, m->author_id);
    audit::Record(c, {.id = ids_.Next(), .actor_id = who.user.id, .action = "comment.approve", .target_kind = "comment",
                      .target_id = comment_id, .detail = "{}", .ip = ip, .created_at = now});
    return ViewOf(c, me, std::move(*m));
  });
  if (done && approved) {
    Publish(bus_, bus::Event::Kind::kCommentCreated, done->comment.author_id, done->comment.content_id, comment_id);
    Publish(bus_, bus::Event::Kind::kNotified, who.user.id, done->comment.content_id, comment_id, notified);
  }
  return done;
}

}  // namespace agora::comments
