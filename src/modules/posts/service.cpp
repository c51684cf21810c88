#include "modules/posts/service.h"

#include <boost/json/serialize.hpp>

#include "modules/audit/store.h"
#include "modules/content/audience.h"
#include "modules/content/body.h"
#include "modules/images/store.h"
#include "modules/notifications/writer.h"
#include "modules/people/json.h"
#include "modules/people/store.h"
#include "modules/posts/json.h"
#include "modules/posts/store.h"
#include "modules/reactions/store.h"

namespace agora::posts {
namespace {

using agora::store::Connection;
using content::Audience;
using identity::Role;

// public > organization > restricted: a share may not be read by more people than its original.
int Breadth(Audience a) {
  switch (a) {
    case Audience::kPublic: return 3;
    case Audience::kOrganization: return 2;
    default: return 1;  // community, restricted
  }
}

content::Viewer AsViewer(const identity::User& u) { return {u.id, u.role}; }

// Mentioned people who may read the post are notified once (an edit notifies only people it
// newly mentions). Adds who was notified to `notified`.
void NotifyMentions(Connection& c, IdGenerator& ids, const content::ContentHead& head,
                    const std::vector<identity::User>& mentioned, Id actor, std::int64_t now, std::vector<Id>& notified) {
  std::vector<Id> candidates;
  for (const auto& u : mentioned)
    if (content::CanRead(c, AsViewer(u), head)) candidates.push_back(u.id);
  for (Id person : content::store::AddMentions(c, head.id, candidates))
    if (notifications::Notify(c, ids, {notifications::Kind::kMention, person, actor, head.id}, now)) notified.push_back(person);
}

void Publish(bus::Bus* bus, bus::Event::Kind kind, Id actor, Id content_id, std::vector<Id> people = {},
             std::optional<bus::Event::IndexedPost> post = std::nullopt) {
  if (bus) bus->Publish({.kind = kind, .actor = actor, .content_id = content_id, .people = std::move(people), .post = std::move(post)});
}

bus::Event::IndexedPost Indexed(Id author, Audience audience, Id community, std::vector<std::string> tags) {
  return {.author = author, .audience = static_cast<int>(audience), .community = community, .tags = std::move(tags)};
}

}  // namespace

Result<PostView> PostService::Create(const identity::Principal& author, const NewPost& in) {
  const Role role = author.user.role;
  if (role == Role::kAlumnus) return Error::Forbidden("alumni cannot post");
  if (role == Role::kGuest && in.audience != Audience::kRestricted && in.audience != Audience::kCommunity)
    return Error::Invalid("audience", "guests post to named people (restricted) or in their communities only");
  if (in.audience == Audience::kPrivate)
    return Error::Invalid("audience", "must be public, organization, community or restricted");
  if (in.audience == Audience::kCommunity && !in.community_id)
    return Error::Invalid("community_id", "a community post names its community");
  if (in.audience != Audience::kCommunity && in.community_id)
    return Error::Invalid("community_id", "only a community post names a community (audience: community)");
  if (in.audience == Audience::kRestricted && in.people.empty())
    return Error::Invalid("people", "a restricted post needs at least one person");
  if (in.audience != Audience::kRestricted && !in.people.empty())
    return Error::Invalid("people", "only a restricted post lists people");
  if (in.people.size() > kMaxReaders)
    return Error::TooMany("people", static_cast<std::int64_t>(kMaxReaders), "people");
  auto body = content::CheckBody(in.body, "body", kMaxBody, /*may_be_empty=*/in.share_of.has_value());
  if (!body) return body.error();
  const std::int64_t now = clock_.NowMs();
  const content::Viewer me = content::ViewerOf(&author);
  std::vector<Id> notified;
  std::vector<std::string> tags;
  std::optional<Id> shared;  // the original of a share: its share count changes

  auto created = db_.Write([&](Connection& c) -> Result<Id> {
    notified.clear();  // a retried transaction starts again
    content::ContentHead head;
    head.id = ids_.Next();
    head.kind = "post";
    head.author_id = author.user.id;
    head.audience = in.audience;
    head.created_at = now;
    head.language = in.language;
    if (in.community_id) {
      // Members post; to anyone else a community they may not see does not exist.
      if (!content::store::IsActiveMember(c, *in.community_id, author.user.id))
        return Error::Invalid("community_id", "no such community, or you are not a member");
      head.container_id = in.community_id;
    }
    std::optional<content::ContentHead> original;
    if (in.share_of) {
      auto o = content::LoadReadable(c, me, *in.share_of);
      if (!o) return Error::Invalid("share_of", "no such post");
      if (auto p = store::Load(c, o->id); p && p->share_of) o = content::LoadReadable(c, me, *p->share_of);  // share the original
      if (!o) return Error::Invalid("share_of", "no such post");
      original = *o;
      if (original->audience == Audience::kCommunity &&
          (in.audience != Audience::kCommunity || in.community_id != original->container_id))
        return Error::Invalid("audience", "a community's post can only be shared within that community");
      if (Breadth(in.audience) > Breadth(original->audience))
        return Error::Invalid("audience", "a share cannot reach more people than the original (" +
                                              std::string(content::AudienceName(original->audience)) + ")");
    }
    // Readers must exist, be active, and (for a share) be able to read the original.
    for (size_t i = 0; i < in.people.size(); ++i) {
      auto subject = people::store::LoadSubject(c, in.people[i], "");
      if (!subject || !subject->account.active || subject->account.role == Role::kAlumnus ||
          (original && !content::CanRead(c, AsViewer(subject->account), *original)))
        return Error::Invalid("people[" + std::to_string(i) + "]", "no such person, or they cannot read this");
    }
    content::store::Insert(c, head);
    if (auto st = images::store::Attach(c, in.image_ids, author.user.id, head.id, "image_ids"); !st) return st.error();
    content::store::AddReaders(c, head.id, in.people);
    auto rendered = content::RenderBody(c, *body);
    store::Insert(c, head.id, *body, rendered.html, original ? std::optional(original->id) : std::nullopt);
    content::store::SetTags(c, head.id, rendered.tags);
    tags = rendered.tags;
    NotifyMentions(c, ids_, head, rendered.mentioned, author.user.id, now, notified);
    if (original) {
      shared = original->id;
      content::store::AddToCounts(c, original->id, 0, 0, 1);
      auto owner = people::store::LoadSubject(c, original->author_id, "");
      if (owner && content::CanRead(c, AsViewer(owner->account), head) &&
          notifications::Notify(c, ids_, {notifications::Kind::kShare, original->author_id, author.user.id, head.id}, now))
        notified.push_back(original->author_id);
    }
    return head.id;
  });
  if (!created) return created.error();
  auto indexed = Indexed(author.user.id, in.audience, in.community_id.value_or(0), std::move(tags));
  indexed.readers = in.people;
  Publish(bus_, bus::Event::Kind::kPostCreated, author.user.id, *created, {}, std::move(indexed));
  if (shared) Publish(bus_, bus::Event::Kind::kSharesChanged, author.user.id, *shared);
  if (!notified.empty()) Publish(bus_, bus::Event::Kind::kNotified, author.user.id, *created, notified);
  return Get(me, *created);
}

Result<PostView> PostService::Get(const content::Viewer& viewer, Id id) {
  return db_.Read([&](Connection& c) -> Result<PostView> {
    auto views = Views(c, viewer, {id});
    if (views.empty()) return Error::NotFound("no such post");
    return std::move(views.front());
  });
}

Result<PostView> PostService::Edit(const identity::Principal& author, Id id, const std::string& text) {
  const content::Viewer me = content::ViewerOf(&author);
  std::vector<Id> notified;
  std::optional<bus::Event::IndexedPost> indexed;
  auto st = db_.Write([&](Connection& c) -> Status {
    notified.clear();  // a retried transaction starts again
    auto post = store::Load(c, id);
    if (!post || !content::CanRead(c, me, post->head)) return Error::NotFound("no such post");
    if (post->head.author_id != author.user.id) return Error::Forbidden("only the author edits a post");
    auto body = content::CheckBody(text, "body", kMaxBody, /*may_be_empty=*/post->share_of.has_value() || post->share_of_deleted);
    if (!body) return body.error();
    if (*body == post->body) return OkStatus();  // nothing changed: no new version
    const std::int64_t now = clock_.NowMs();
    auto rendered = content::RenderBody(c, *body);
    content::store::AddRevision(c, id, post->body, post->head.edited_at.value_or(post->head.created_at));
    store::UpdateBody(c, id, *body, rendered.html);
    content::store::MarkEdited(c, id, now);
    indexed = Indexed(post->head.author_id, post->head.audience, post->head.container_id.value_or(0), rendered.tags);
    indexed->tags_before = content::store::Tags(c, id);
    content::store::SetTags(c, id, rendered.tags);
    NotifyMentions(c, ids_, post->head, rendered.mentioned, author.user.id, now, notified);
    return OkStatus();
  });
  if (!st) return st.error();
  if (indexed) Publish(bus_, bus::Event::Kind::kPostEdited, author.user.id, id, {}, std::move(indexed));
  if (!notified.empty()) Publish(bus_, bus::Event::Kind::kNotified, author.user.id, id, notified);
  return Get(me, id);
}

Status PostService::Delete(const identity::Principal& who, Id id, const std::string& ip) {
  const content::Viewer me = content::ViewerOf(&who);
  std::vector<Id> notified;  // whose notifications go with the post
  std::optional<bus::Event::IndexedPost> indexed;
  std::optional<Id> original;
  std::vector<std::string> image_keys;
  auto st = db_.Write([&](Connection& c) -> Status {
    auto post = store::Load(c, id);
    if (!post || !content::CanRead(c, me, post->head)) return Error::NotFound("no such post");
    bool own = post->head.author_id == who.user.id;
    if (!own && !who.is_admin() && !content::store::ModeratesContainer(c, post->head, who.user.id))
      return Error::Forbidden("only the author, its community's moderators or an admin deletes a post");
    if (post->share_of) content::store::AddToCounts(c, *post->share_of, 0, 0, -1);
    original = post->share_of;
    notified = notifications::RecipientsAbout(c, id);
    indexed = Indexed(post->head.author_id, post->head.audience, post->head.container_id.value_or(0),
                      content::store::Tags(c, id));
    if (post->head.audience == Audience::kRestricted) indexed->readers = content::store::Readers(c, id);
    for (const auto& i : images::store::OfContent(c, id)) image_keys.push_back(i.key);
    content::store::Delete(c, id);  // comments, reactions, tags, mentions, notifications by cascade
    if (!own)
      audit::Record(c, {.id = ids_.Next(), .actor_id = who.user.id, .action = "post.delete", .target_kind = "content", .target_id = id,
                        .detail = "{\"author_id\":\"" + IdToString(post->head.author_id) + "\"}", .ip = ip,
                        .created_at = clock_.NowMs()});
    return OkStatus();
  });
  if (!st) return st;
  // After the commit: a crash in between leaves unused files, never a post without its.
  if (images_ && !image_keys.empty()) images_->RemoveUnusedFiles(image_keys);
  Publish(bus_, bus::Event::Kind::kPostDeleted, who.user.id, id, {}, std::move(indexed));
  if (original) Publish(bus_, bus::Event::Kind::kSharesChanged, who.user.id, *original);
  if (!notified.empty()) Publish(bus_, bus::Event::Kind::kNotified, who.user.id, id, notified);
  return st;
}

Result<std::vector<content::store::Revision>> PostService::History(const content::Viewer& viewer, Id id) {
  return db_.Read([&](Connection& c) -> Result<std::vector<content::store::Revision>> {
    auto post = store::Load(c, id);
    if (!post || !content::CanRead(c, viewer, post->head)) return Error::NotFound("no such post");
    auto versions = content::store::Revisions(c, id);
    versions.push_back({static_cast<int>(versions.size()) + 1, post->body, post->head.edited_at.value_or(post->head.created_at)});
    return versions;
  });
}

std::vector<PostView> PostService::Views(Connection& c, const content::Viewer& viewer, const std::vector<Id>& ids) {
  std::vector<PostView> out;
  out.reserve(ids.size());
  for (Id id : ids) {
    auto post = store::Load(c, id);
    if (!post || !content::CanRead(c, viewer, post->head)) continue;
    if (auto v = ViewOf(c, viewer, std::move(*post), 0)) out.push_back(std::move(*v));
  }
  return out;
}

std::optional<PostView> PostService::ViewOf(Connection& c, const content::Viewer& viewer, Post post, int depth) {
  PostView v;
  v.author = people::store::CardOf(c, post.head.author_id);
  v.tags = content::store::Tags(c, post.head.id);
  v.images = images::store::OfContent(c, post.head.id);
  if (post.head.audience == Audience::kRestricted && viewer.id == post.head.author_id)
    for (Id reader : content::store::Readers(c, post.head.id)) v.readers.push_back(people::store::CardOf(c, reader));
  v.reactions = reactions::store::SummaryOf(c, post.head.id, viewer.id);
  if (post.head.container_id) v.community = store::CommunityOf(c, *post.head.container_id);
  if (post.share_of && depth == 0) {
    auto original = store::Load(c, *post.share_of);
    if (original && content::CanRead(c, viewer, original->head)) {
      if (auto ov = ViewOf(c, viewer, std::move(*original), depth + 1))
        v.shared = std::make_shared<const PostView>(std::move(*ov));
    }
    v.shared_unavailable = !v.shared;
  } else if (post.share_of_deleted) {
    v.shared_unavailable = true;
  }
  post.body_html = content::NameMentions(c, std::move(post.body_html));
  v.post = std::move(post);
  return v;
}

std::shared_ptr<const CachedPost> PostService::Cached(Connection& c, Id id) {
  if (cache_)
    if (auto hit = cache_->Get(id)) return hit;
  auto post = store::Load(c, id);
  if (!post) return nullptr;
  // Rendered as a plain member reader would see it; the shared original as its sharer saw
  // it (a share never reaches more people than its original, so its readers may read it).
  content::Viewer neutral{post->head.author_id, identity::Role::kMember};
  auto view = ViewOf(c, neutral, *post, 0);
  if (!view) return nullptr;
  auto o = json::PostJson(*view, neutral);
  auto entry = std::make_shared<CachedPost>();
  entry->id = id;
  entry->author = post->head.author_id;
  entry->audience = post->head.audience;
  entry->container = post->head.container_id.value_or(0);
  entry->loaded_at_ms = clock_.NowMs();
  auto reactions = o["reactions"].as_object();
  reactions.erase("mine");
  entry->reactions = boost::json::serialize(reactions);
  entry->reactions = entry->reactions.substr(1, entry->reactions.size() - 2);
  entry->counts = "\"comment_count\":" + std::to_string(post->head.comment_count) +
                  ",\"reaction_count\":" + std::to_string(post->head.reaction_count) +
                  ",\"share_count\":" + std::to_string(post->head.share_count);
  for (const char* k : {"reactions", "comment_count", "reaction_count", "share_count", "can_edit", "can_delete", "people", "readers"}) o.erase(k);
  entry->fixed = boost::json::serialize(o);
  entry->fixed = entry->fixed.substr(1, entry->fixed.size() - 2);
  if (cache_ && db_.ReadIsCurrent()) cache_->Put(entry);  // else a newer change may be missing from it
  return entry;
}

std::vector<std::string> PostService::RenderItems(Connection& c, const content::Viewer& viewer, const std::vector<Id>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  std::unordered_map<Id, bool> member_of;  // community posts: the audience rule, asked once per community
  std::unordered_map<Id, bool> moderates;  // and whether the reader moderates it (may delete)
  const auto mine_by_id = viewer.signed_in() ? reactions::store::KindsOf(c, ids, viewer.id) : std::unordered_map<Id, std::string>{};
  for (Id id : ids) {
    auto p = Cached(c, id);
    if (!p) continue;
    content::ContentHead head;
    head.id = id;
    head.author_id = p->author;
    head.audience = p->audience;
    if (p->container) head.container_id = p->container;
    if (p->audience == Audience::kCommunity) {
      auto [it, fresh] = member_of.try_emplace(p->container, false);
      if (fresh) it->second = p->container && content::ReadsCommunity(c, viewer, p->container);
      if (!it->second) continue;
    } else if (!content::CanRead(c, viewer, head)) {
      continue;
    }
    auto found = mine_by_id.find(id);
    const std::string* mine = found == mine_by_id.end() ? nullptr : &found->second;
    const bool own = viewer.id == p->author;
    std::string s;
    s.reserve(p->fixed.size() + p->counts.size() + p->reactions.size() + 96);
    s += '{';
    s += p->fixed;
    s += ',';
    s += p->counts;
    s += ",\"reactions\":{";
    s += p->reactions;
    s += mine ? ",\"mine\":\"" + *mine + "\"}" : std::string(",\"mine\":null}");
    s += own ? ",\"can_edit\":true" : ",\"can_edit\":false";
    bool moderator = false;
    if (p->container && !own && viewer.signed_in()) {
      auto [it, fresh] = moderates.try_emplace(p->container, false);
      if (fresh) it->second = content::store::ModeratesContainer(c, head, viewer.id);
      moderator = it->second;
    }
    s += own || moderator || viewer.role == identity::Role::kAdmin ? ",\"can_delete\":true" : ",\"can_delete\":false";
    if (own && p->audience == Audience::kRestricted) {
      boost::json::array people, readers;
      for (Id reader : content::store::Readers(c, id)) {
        people.push_back(boost::json::string(IdToString(reader)));
        readers.push_back(people::json::CardJson(people::store::CardOf(c, reader)));
      }
      s += ",\"people\":" + boost::json::serialize(people) + ",\"readers\":" + boost::json::serialize(readers);
    }
    s += '}';
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace agora::posts
