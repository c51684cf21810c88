#include "modules/blogs/service.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/cursor.h"
#include "core/markdown.h"
#include "core/name_words.h"
#include "core/place_handle.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/blogs/entry_images.h"
#include "modules/blogs/rank.h"
#include "modules/blogs/store.h"
#include "modules/blogs/visibility.h"
#include "modules/communities/store.h"
#include "modules/content/audience.h"
#include "modules/content/body.h"
#include "modules/content/store.h"
#include "modules/identity/store.h"
#include "modules/images/store.h"
#include "modules/notifications/writer.h"
#include "modules/people/policy.h"
#include "modules/people/store.h"

namespace agora::blogs {
namespace {

using agora::store::Connection;

content::Viewer AsViewer(const identity::Principal& p) { return {p.user.id, p.user.role}; }

Result<std::string> CheckText(std::string_view field, std::string_view raw, size_t max, bool may_be_empty) {
  const std::string what = "1 to " + std::to_string(max) + " characters of text";
  if (!text::IsValidUtf8(raw)) return Error::Invalid(std::string(field), "must be valid UTF-8");
  std::string t(text::Trim(raw));
  if (t.empty() && !may_be_empty) return Error::Invalid(std::string(field), "a " + std::string(field) + " is " + what).Because("required");
  if (text::CodePoints(t) > max) return Error::TooLong(std::string(field), static_cast<std::int64_t>(max));
  if (text::HasControlCharacters(t)) return Error::Invalid(std::string(field), "a " + std::string(field) + " is " + what);
  return t;
}

// "Lessons from Ängelholm's rollout" -> "lessons-from-angelholm-s-rollout": the title's words
// in ASCII (ICU transliteration, so Cyrillic titles have readable slugs too), at most 80
// characters, made unique in the blog with -2, -3...
std::string SlugFor(Connection& c, Id blog, std::string_view title) {
  std::string slug;
  for (char ch : text::SearchableQuery(title)) {
    if (std::isalnum(static_cast<unsigned char>(ch))) slug += ch;
    else if (!slug.empty() && slug.back() != '-') slug += '-';
    if (slug.size() >= 80) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty() || text::ReadsAsId(slug)) slug = "entry" + (slug.empty() ? "" : "-" + slug);
  std::string unique = slug;
  for (int n = 2; store::SlugTaken(c, blog, unique); ++n) unique = slug + "-" + std::to_string(n);
  return unique;
}

// Lists sorted by a time, newest first: the cursor is the time and id of the last item shown.
struct TimeCursor {
  std::int64_t at = INT64_MAX;
  Id id = INT64_MAX;
};
Result<TimeCursor> DecodeTimeCursor(std::string_view cursor) {
  if (cursor.empty()) return TimeCursor{};
  auto decoded = DecodeCursor(cursor);
  if (!decoded) return decoded.error();
  auto at = ParseId(decoded->key);
  if (!at) return Error{ErrorCode::kMalformed, "cursor is not valid", "cursor", 0};
  return TimeCursor{*at, decoded->id};
}
std::string EncodeTimeCursor(std::int64_t at, Id id) { return EncodeCursor({std::to_string(at), id}); }

// The blog's followers who may read the entry hear of its first publication (not of a
// second after unpublishing).
std::vector<Id> TellFollowers(Connection& c, IdGenerator& ids, const Entry& e, Id actor, std::int64_t now) {
  const auto head = content::store::LoadHead(c, e.head.id);  // its audience as published
  if (!head) return {};
  std::vector<content::Viewer> followers;
  auto q = c.Prepare("SELECT f.person_id, u.role FROM blog_followers f JOIN users u ON u.id = f.person_id"
                     " WHERE f.blog_id = ?1 AND u.active = 1",
                     e.blog_id);
  while (q.Next())
    if (auto role = identity::ParseRole(q.TextView(1))) followers.push_back({q.Int(0), *role});
  std::vector<Id> told;
  for (const auto& f : followers) {
    if (!content::CanRead(c, f, *head)) continue;
    notifications::Event n{notifications::Kind::kBlogEntry, f.id, actor};
    n.content_id = e.head.id;
    if (notifications::Notify(c, ids, n, now)) told.push_back(f.id);
  }
  return told;
}

bool Writes(const std::optional<Role>& r) { return r.has_value(); }
bool Edits(const std::optional<Role>& r) { return r == Role::kOwner || r == Role::kEditor; }
bool MayPublish(const std::optional<Role>& r, bool own) { return Edits(r) || (own && r == Role::kAuthor); }

// An entry is its author's and its co-authors' own: they edit and publish it alike.
bool OwnEntry(Connection& c, const Entry& e, Id person) {
  if (!person) return false;
  if (e.head.author_id == person) return true;
  const auto co = store::Coauthors(c, e.head.id);
  return std::find(co.begin(), co.end(), person) != co.end();
}

// The people named as co-authors (handles or ids), in order, once each, without the author:
// writers of the blog, at most ten.
Result<std::vector<Id>> ResolveCoauthors(Connection& c, Id blog, Id author, const std::vector<std::string>& keys) {
  if (keys.size() > 10) return Error::Invalid("coauthors", "at most 10 co-authors");
  std::vector<Id> out;
  for (const auto& key : keys) {
    std::optional<Id> id = ParseId(key);
    if (!id) id = people::store::FindIdByHandle(c, key);
    auto user = id ? identity::store::FindUserById(c, *id) : std::nullopt;
    if (!user || !user->user.active) return Error::Invalid("coauthors", "no such person: " + key);
    if (!store::RoleOf(c, blog, *id)) return Error::Invalid("coauthors", "co-authors are the blog's writers: " + key);
    if (*id != author && std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
  }
  return out;
}


}  // namespace

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kOwner: return "owner";
    case Role::kEditor: return "editor";
    case Role::kAuthor: return "author";
    case Role::kContributor: return "contributor";
  }
  return "contributor";
}

std::optional<Role> ParseRole(std::string_view s) {
  for (Role r : {Role::kOwner, Role::kEditor, Role::kAuthor, Role::kContributor})
    if (s == RoleName(r)) return r;
  return std::nullopt;
}

std::string_view CommentPolicyName(CommentPolicy p) {
  switch (p) {
    case CommentPolicy::kOpen: return "open";
    case CommentPolicy::kHoldFirst: return "hold_first";
    case CommentPolicy::kHoldAll: return "hold_all";
    case CommentPolicy::kClosed: return "closed";
  }
  return "open";
}

std::optional<CommentPolicy> ParseCommentPolicy(std::string_view s) {
  for (CommentPolicy p : {CommentPolicy::kOpen, CommentPolicy::kHoldFirst, CommentPolicy::kHoldAll, CommentPolicy::kClosed})
    if (s == CommentPolicyName(p)) return p;
  return std::nullopt;
}

Result<BlogView> BlogService::MyBlog(const identity::Principal& who, bool* created) {
  if (!AsViewer(who).in_organization()) return Error::Forbidden("guests and alumni have no blog of their own");
  if (created) *created = false;
  return db_.Write([&](Connection& c) -> Result<BlogView> {
    if (auto b = store::PersonalBlogOf(c, who.user.id)) return BlogView{*b, Role::kOwner};
    Blog b;
    b.id = ids_.Next();
    // Their handle, unless a shared blog has it already.
    b.handle = who.user.handle;
    for (int n = 2; store::HandleTaken(c, b.handle); ++n) b.handle = who.user.handle + "-" + std::to_string(n);
    b.name = who.user.display_name;
    b.personal_of = who.user.id;
    b.audience = content::Audience::kOrganization;
    b.created_by = who.user.id;
    b.created_at = b.updated_at = clock_.NowMs();
    store::InsertBlog(c, b);
    store::PutRole(c, b.id, who.user.id, Role::kOwner);
    if (created) *created = true;
    return BlogView{b, Role::kOwner};
  });
}

Result<BlogView> BlogService::Create(const identity::Principal& who, const NewBlog& in) {
  const content::Viewer me = AsViewer(who);
  if (!me.in_organization()) return Error::Forbidden("guests and alumni do not make blogs");
  auto name = CheckText("name", in.name, 100, false);
  if (!name) return name.error();
  auto handle = text::CheckPlaceHandle(in.handle);
  if (!handle) return handle.error();
  auto description = CheckText("description", in.description, 1000, true);
  if (!description) return description.error();
  if (in.audience != content::Audience::kPublic && in.audience != content::Audience::kOrganization &&
      in.audience != content::Audience::kCommunity)
    return Error::Invalid("audience", "a blog is read by the public, the organization or a community");
  if ((in.audience == content::Audience::kCommunity) != !in.community.empty())
    return Error::Invalid("community", "a community's blog names its community, and only it does");
  return db_.Write([&](Connection& c) -> Result<BlogView> {
    Blog b;
    if (in.audience == content::Audience::kCommunity) {
      auto community = communities::store::FindVisible(c, me, in.community);
      if (!community) return Error::Invalid("community", "no such community");
      if (!community->mine || !community->mine->manages())
        return Error::Forbidden("only a community's owners and moderators make its blog");
      b.community_id = community->community.id;
    }
    // A person's handle is kept for their own blog.
    if (store::HandleTaken(c, *handle) || identity::store::HandleTaken(c, *handle)) return Error::Taken("handle");
    b.id = ids_.Next();
    b.handle = *handle;
    b.name = *name;
    b.description = *description;
    b.audience = in.audience;
    b.created_by = who.user.id;
    b.created_at = b.updated_at = clock_.NowMs();
    store::InsertBlog(c, b);
    store::PutRole(c, b.id, who.user.id, Role::kOwner);
    return BlogView{b, Role::kOwner};
  });
}

Result<BlogView> BlogService::Get(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) { return FindVisible(c, viewer, key); });
}

Result<BlogPage> BlogService::Directory(const content::Viewer& viewer, DirectorySort sort, std::string_view cursor, int limit) {
  // The cursor is the last blog's value in this order and its id.
  double before = HUGE_VAL;
  Id before_id = INT64_MAX;
  if (!cursor.empty()) {
    auto decoded = DecodeCursor(cursor);
    if (!decoded) return decoded.error();
    char* end = nullptr;
    before = std::strtod(decoded->key.c_str(), &end);
    if (decoded->key.empty() || *end != '\0') return Error{ErrorCode::kMalformed, "cursor is not valid", "cursor", 0};
    before_id = decoded->id;
  }
  const auto encode = [](double key, Id id) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", key);
    return EncodeCursor({text, id});
  };
  return db_.Read([&](Connection& c) -> Result<BlogPage> {
    BlogPage page;
    // The viewer's roles and follows, read once; whether they read a community, once each.
    const auto roles = viewer.signed_in() ? store::RolesOf(c, viewer.id) : std::unordered_map<Id, Role>{};
    const auto follows = viewer.signed_in() ? store::FollowedBy(c, viewer.id) : std::unordered_set<Id>{};
    std::unordered_map<Id, bool> reads_community;
    const auto sees = [&](const Blog& b, const std::optional<Role>& mine) {
      if (mine || b.audience != content::Audience::kCommunity || !b.community_id) return Sees(c, viewer, b, mine);
      auto [it, fresh] = reads_community.emplace(*b.community_id, false);
      if (fresh) it->second = content::ReadsCommunity(c, viewer, *b.community_id);
      return it->second;
    };
    // Blogs the viewer may not see are skipped. A page reads at most 20 times its size: one
    // cut short there ends with a cursor where the reading stopped, so paging goes on.
    double at = before;
    Id id = before_id;
    bool last_page = false;
    for (int read = 0; static_cast<int>(page.items.size()) <= limit && read < 20 * (limit + 1);) {
      auto batch = store::Directory(c, sort, at, id, limit + 1);
      last_page = static_cast<int>(batch.size()) <= limit;
      read += static_cast<int>(batch.size());
      for (auto& b : batch) {
        if (static_cast<int>(page.items.size()) > limit) break;
        at = store::SortKey(b, sort);
        id = b.id;
        const auto role = roles.find(b.id);
        const std::optional<Role> mine = role == roles.end() ? std::nullopt : std::optional<Role>(role->second);
        if (!sees(b, mine)) continue;
        const bool following = follows.count(b.id) > 0;
        page.items.push_back({std::move(b), mine, following});
      }
      if (last_page) break;
    }
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      const Blog& last = page.items.back().blog;
      page.next_cursor = encode(store::SortKey(last, sort), last.id);
    } else if (!last_page) {
      page.next_cursor = encode(at, id);
    }
    return page;
  });
}

Result<BlogView> BlogService::Follow(const identity::Principal& who, std::string_view key, bool on) {
  const content::Viewer me = AsViewer(who);
  return db_.Write([&](Connection& c) -> Result<BlogView> {
    auto blog = FindVisible(c, me, key);
    if (!blog) return blog.error();
    if (store::SetFollowing(c, blog->blog.id, who.user.id, on, clock_.NowMs())) blog->blog.follower_count += on ? 1 : -1;
    blog->following = on;
    return *blog;
  });
}

Result<BlogView> BlogService::Change(const identity::Principal& who, std::string_view key, const BlogChange& ch,
                                    const std::string& ip) {
  std::optional<std::string> name, description;
  if (ch.name) {
    auto n = CheckText("name", *ch.name, 100, false);
    if (!n) return n.error();
    name = *n;
  }
  if (ch.description) {
    auto d = CheckText("description", *ch.description, 1000, true);
    if (!d) return d.error();
    description = *d;
  }
  const content::Viewer me = AsViewer(who);
  return db_.Write([&](Connection& c) -> Result<BlogView> {
    auto blog = FindVisible(c, me, key);
    if (!blog) return blog.error();
    if (blog->mine != Role::kOwner) return Error::Forbidden("only a blog's owners change it");
    Blog& b = blog->blog;
    boost::json::object detail;
    if (name && *name != b.name) detail["name"] = b.name = *name;
    if (description && *description != b.description) detail["description"] = b.description = *description;
    if (ch.comment_policy && *ch.comment_policy != b.comment_policy) {
      detail["comment_policy"] = {{"from", CommentPolicyName(b.comment_policy)}, {"to", CommentPolicyName(*ch.comment_policy)}};
      b.comment_policy = *ch.comment_policy;
    }
    if (detail.empty()) return *blog;
    store::UpdateBlog(c, b);
    store::Changed(c, b.id, clock_.NowMs());  // its feeds carry its name
    // Who may comment, and whether it waits, is a permission: its changes are audited.
    audit::Record(c, {.id = ids_.Next(), .actor_id = who.user.id, .action = "blog.change", .target_kind = "blog",
                      .target_id = b.id, .detail = boost::json::serialize(detail), .ip = ip, .created_at = clock_.NowMs()});
    return *blog;
  });
}

Result<std::vector<BlogView>> BlogService::OfCommunity(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<std::vector<BlogView>> {
    auto community = communities::store::FindVisible(c, viewer, key);
    if (!community) return community.error();
    std::vector<BlogView> out;
    for (Id id : store::BlogsOfCommunity(c, community->community.id))
      if (auto b = FindVisible(c, viewer, IdToString(id))) out.push_back(std::move(*b));
    return out;
  });
}

Result<std::vector<Writer>> BlogService::Writers(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<std::vector<Writer>> {
    auto blog = FindVisible(c, viewer, key);
    if (!blog) return blog.error();
    std::vector<Writer> out;
    for (const auto& [id, role] : store::WritersWithRoles(c, blog->blog.id)) out.push_back({people::store::CardOf(c, id), role});
    return out;
  });
}

Result<BlogView> BlogService::SetRole(const identity::Principal& who, std::string_view key, std::string_view person,
                                      std::optional<Role> role, const std::string& ip) {
  const content::Viewer me = AsViewer(who);
  return db_.Write([&](Connection& c) -> Result<BlogView> {
    auto blog = FindVisible(c, me, key);
    if (!blog) return blog.error();
    if (blog->mine != Role::kOwner) return Error::Forbidden("only a blog's owners give roles");
    std::optional<Id> id = ParseId(person);
    if (!id) id = people::store::FindIdByHandle(c, std::string(person));
    auto user = id ? identity::store::FindUserById(c, *id) : std::nullopt;
    if (!user || !user->user.active) return Error::Invalid("person", "no such person");
    if (blog->blog.personal_of && role == Role::kOwner && *id != who.user.id)
      return Error::Invalid("role", "a personal blog has one owner");
    const auto before = store::RoleOf(c, blog->blog.id, *id);
    if (before == Role::kOwner && role != Role::kOwner) {
      auto owners = c.Prepare("SELECT COUNT(*) FROM blog_members WHERE blog_id = ?1 AND role = 'owner'", blog->blog.id);
      if (owners.Next() && owners.Int(0) <= 1) return Error::Conflict("a blog keeps at least one owner", "role");
    }
    if (before == role) return *blog;
    if (role) store::PutRole(c, blog->blog.id, *id, *role);
    else c.Prepare("DELETE FROM blog_members WHERE blog_id = ?1 AND person_id = ?2", blog->blog.id, *id).Run();
    // Who may write and publish is a permission: its changes are kept in the audit log.
    boost::json::object detail{{"person", IdToString(*id)},
                               {"from", before ? boost::json::value(RoleName(*before)) : boost::json::value(nullptr)},
                               {"to", role ? boost::json::value(RoleName(*role)) : boost::json::value(nullptr)}};
    audit::Record(c, {.id = ids_.Next(), .actor_id = who.user.id, .action = "blog.role", .target_kind = "blog",
                      .target_id = blog->blog.id, .detail = boost::json::serialize(detail), .ip = ip, .created_at = clock_.NowMs()});
    // Drafts are read by the owners and editors of the moment.
    auto drafts = c.Prepare("SELECT content_id FROM blog_entries WHERE blog_id = ?1 AND state = 'draft'", blog->blog.id);
    std::vector<Id> ids;
    while (drafts.Next()) ids.push_back(drafts.Int(0));
    for (Id d : ids)
      if (auto e = store::LoadEntry(c, d)) store::SetEntryAudience(c, *e, blog->blog);
    if (*id == who.user.id) blog->mine = role;
    return *blog;
  });
}

std::optional<EntryView> BlogService::ViewOf(Connection& c, const content::Viewer& viewer, Entry e) {
  if (!content::CanRead(c, viewer, e.head)) return std::nullopt;
  auto blog = store::LoadBlog(c, e.blog_id);
  if (!blog) return std::nullopt;
  EntryView v;
  const auto mine = viewer.signed_in() ? store::RoleOf(c, blog->id, viewer.id) : std::nullopt;
  const auto coauthors = store::Coauthors(c, e.head.id);
  const bool own = viewer.signed_in() && (e.head.author_id == viewer.id ||
                                          std::find(coauthors.begin(), coauthors.end(), viewer.id) != coauthors.end());
  v.can_edit = (own && Writes(mine)) || Edits(mine);
  v.can_publish = MayPublish(mine, own);
  v.author = people::store::CardOf(c, e.head.author_id);
  for (Id id : coauthors) v.coauthors.push_back(people::store::CardOf(c, id));
  v.recommended = viewer.signed_in() && e.recommend_count > 0 && store::Recommended(c, e.head.id, viewer.id);
  if (e.cover_image_id) v.cover = images::store::Load(c, *e.cover_image_id);
  e.body_html = content::NameMentions(c, std::move(e.body_html));
  v.entry = std::move(e);
  v.blog = std::move(*blog);
  return v;
}

Result<EntryView> BlogService::Write(const identity::Principal& who, std::string_view key, const NewEntry& in) {
  auto title = CheckText("title", in.title, kMaxTitle, false);
  if (!title) return title.error();
  auto excerpt = CheckText("excerpt", in.excerpt, kMaxExcerpt, true);
  if (!excerpt) return excerpt.error();
  auto body = content::CheckBody(in.body, "body", kMaxBody);
  if (!body) return body.error();
  const content::Viewer me = AsViewer(who);
  const std::int64_t now = clock_.NowMs();
  std::vector<Id> told;
  auto id = db_.Write([&](Connection& c) -> Result<Id> {
    told.clear();  // (a transaction run again starts afresh)
    auto blog = FindVisible(c, me, key);
    if (!blog) return blog.error();
    if (!Writes(blog->mine)) return Error::Forbidden("only a blog's writers write its entries");
    if (in.publish && !MayPublish(blog->mine, true)) return Error::Forbidden("a contributor's entry is published by an editor");
    Entry e;
    e.head.id = ids_.Next();
    e.head.kind = "blog_entry";
    e.head.author_id = who.user.id;
    e.head.audience = content::Audience::kRestricted;  // SetEntryAudience decides
    e.head.created_at = now;
    e.head.language = in.language;
    e.blog_id = blog->blog.id;
    e.title = *title;
    e.slug = SlugFor(c, blog->blog.id, *title);
    e.excerpt = *excerpt;
    e.body = *body;
    auto rendered = content::RenderBody(c, *body);
    e.body_html = rendered.html;
    e.state = in.publish ? EntryState::kPublished : EntryState::kDraft;
    if (in.publish) e.published_at = now;
    auto coauthors = ResolveCoauthors(c, blog->blog.id, who.user.id, in.coauthors);
    if (!coauthors) return coauthors.error();
    e.cover_image_id = in.cover_image;
    store::InsertEntry(c, e);
    if (auto st = AttachImages(c, e.head.id, who.user.id, e.body, e.cover_image_id); !st) return st.error();
    store::SetCoauthors(c, e.head.id, *coauthors);
    store::SetEntryAudience(c, e, blog->blog);
    content::store::SetTags(c, e.head.id, rendered.tags);
    if (in.publish) {
      store::Recount(c, blog->blog.id, now);
      store::Changed(c, blog->blog.id, now);
      told = TellFollowers(c, ids_, e, who.user.id, now);
    }
    return e.head.id;
  });
  if (!id) return id.error();
  Notified(who.user.id, std::move(told));
  return Get(me, *id);
}

Result<EntryView> BlogService::Get(const content::Viewer& viewer, Id id) {
  return db_.Read([&](Connection& c) -> Result<EntryView> {
    auto e = store::LoadEntry(c, id);
    if (!e) return Error::NotFound("no such entry");
    auto v = ViewOf(c, viewer, std::move(*e));
    if (!v) return Error::NotFound("no such entry");
    return std::move(*v);
  });
}

Result<std::vector<EntryView>> BlogService::ByAuthor(const identity::Principal& who, std::string_view person, int limit) {
  const content::Viewer viewer = AsViewer(who);
  return db_.Read([&](Connection& c) -> Result<std::vector<EntryView>> {
    auto id = people::FindVisiblePerson(c, who, person);
    if (!id) return id.error();
    std::vector<EntryView> out;
    for (auto& e : store::PublishedBy(c, viewer, *id, limit))
      if (auto v = ViewOf(c, viewer, std::move(e))) out.push_back(std::move(*v));
    return out;
  });
}

Result<EntryPage> BlogService::Archive(const identity::Principal& who, const ArchiveQuery& in, std::string_view cursor, int limit) {
  auto after = DecodeTimeCursor(cursor);
  if (!after) return after.error();
  store::ArchiveFilter f;
  if (!in.tag.empty()) {
    f.tag = markdown::NormalizeTag(in.tag.front() == '#' ? std::string_view(in.tag).substr(1) : std::string_view(in.tag));
    if (f.tag.empty()) return Error::Invalid("tag", "not a hashtag: letters, digits, _ and -");
  }
  const content::Viewer viewer = AsViewer(who);
  return db_.Read([&](Connection& c) -> Result<EntryPage> {
    if (!in.blog.empty()) {
      auto blog = FindVisible(c, viewer, in.blog);
      if (!blog) return blog.error();
      f.blog = blog->blog.id;
    }
    if (!in.author.empty()) {
      auto id = people::FindVisiblePerson(c, who, in.author);
      if (!id) return id.error();
      f.author = *id;
    }
    auto entries = store::Archive(c, viewer, f, after->at, after->id, limit + 1);
    EntryPage page;
    if (static_cast<int>(entries.size()) > limit) {
      entries.pop_back();
      page.next_cursor = EncodeTimeCursor(*entries.back().published_at, entries.back().head.id);
    }
    for (auto& e : entries)
      if (auto v = ViewOf(c, viewer, std::move(e))) page.items.push_back(std::move(*v));
    return page;
  });
}

Id BlogService::FeedKey(const Entry& e) {
  constexpr int kLowBits = kIdNodeBits + kIdSequenceBits;
  const std::int64_t at = e.published_at.value_or(e.head.created_at);
  return ((at - kIdEpochMs) << kLowBits) | (e.head.id & ((Id{1} << kLowBits) - 1));
}

std::vector<std::pair<Id, EntryView>> BlogService::FollowedEntries(Connection& c, const content::Viewer& viewer, Id before,
                                                                   int limit) {
  std::vector<std::pair<Id, EntryView>> out;
  if (!viewer.signed_in()) return out;
  // Published at or before the cursor's millisecond (a few in that millisecond may sort after
  // it: a couple more are read and the keys decide).
  const std::int64_t until = before == INT64_MAX ? INT64_MAX : IdUnixMs(before);
  const size_t wanted = static_cast<size_t>(limit) + 4;
  // Each followed blog's newest few, the most recently updated blogs first; once enough are
  // found, a blog whose newest publication is older than all of them has nothing to add, nor
  // has any after it. So a page reads a few blogs, however many are followed.
  std::vector<std::pair<Id, std::int64_t>> found;  // (entry, published_at), newest first
  for (const auto& [blog, updated] : store::FollowedBlogs(c, viewer.id)) {
    if (found.size() >= wanted && std::min(updated, until) < found.back().second) break;
    for (const auto& e : store::NewestOf(c, viewer, blog, until, limit + 4)) found.push_back(e);
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second > b.second || (a.second == b.second && a.first > b.first); });
    if (found.size() > wanted) found.resize(wanted);
  }
  for (const auto& [id, at] : found) {
    auto e = store::LoadEntry(c, id);
    if (!e) continue;
    const Id key = FeedKey(*e);
    if (key >= before) continue;
    if (auto v = ViewOf(c, viewer, std::move(*e))) out.emplace_back(key, std::move(*v));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (static_cast<int>(out.size()) > limit) out.resize(static_cast<size_t>(limit));
  return out;
}

Result<std::vector<std::pair<std::string, std::int64_t>>> BlogService::Tags(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<std::vector<std::pair<std::string, std::int64_t>>> {
    auto blog = FindVisible(c, viewer, key);
    if (!blog) return blog.error();
    return store::TagsOf(c, blog->blog.id, 30);
  });
}

Result<EntryPage> BlogService::Entries(const content::Viewer& viewer, std::string_view key, EntryState state,
                                       std::string_view cursor, int limit) {
  auto after = DecodeTimeCursor(cursor);
  if (!after) return after.error();
  const std::int64_t before_at = after->at;
  const Id before_id = after->id;
  return db_.Read([&](Connection& c) -> Result<EntryPage> {
    auto blog = FindVisible(c, viewer, key);
    if (!blog) return blog.error();
    auto entries = store::EntriesOf(c, viewer, blog->blog.id, state, before_at, before_id, limit + 1);
    EntryPage page;
    if (static_cast<int>(entries.size()) > limit) {
      entries.pop_back();
      const Entry& last = entries.back();
      page.next_cursor = EncodeTimeCursor(last.published_at.value_or(last.head.created_at), last.head.id);
    }
    for (auto& e : entries)
      if (auto v = ViewOf(c, viewer, std::move(e))) page.items.push_back(std::move(*v));
    return page;
  });
}

Result<EntryView> BlogService::Edit(const identity::Principal& who, Id id, const EntryChange& ch) {
  const content::Viewer me = AsViewer(who);
  auto st = db_.Write([&](Connection& c) -> Status {
    auto e = store::LoadEntry(c, id);
    if (!e || !content::CanRead(c, me, e->head)) return Error::NotFound("no such entry");
    const auto mine = store::RoleOf(c, e->blog_id, who.user.id);
    if (!((OwnEntry(c, *e, who.user.id) && Writes(mine)) || Edits(mine)))
      return Error::Forbidden("only its author and the blog's editors edit an entry");
    if (ch.from_version && *ch.from_version != e->version)
      return Error{ErrorCode::kPreconditionFailed, "someone saved this entry since version " + std::to_string(*ch.from_version) +
                   "; it is at version " + std::to_string(e->version), "If-Match", 0};
    if (ch.title) {
      auto v = CheckText("title", *ch.title, kMaxTitle, false);
      if (!v) return v.error();
      e->title = *v;  // (the slug stays: links to the entry keep working)
    }
    if (ch.excerpt) {
      auto v = CheckText("excerpt", *ch.excerpt, kMaxExcerpt, true);
      if (!v) return v.error();
      e->excerpt = *v;
    }
    if (ch.body) {
      auto v = content::CheckBody(*ch.body, "body", kMaxBody);
      if (!v) return v.error();
      if (*v != e->body) content::store::AddRevision(c, id, e->body, e->head.edited_at.value_or(e->head.created_at));
      e->body = *v;
      auto rendered = content::RenderBody(c, *v);
      e->body_html = rendered.html;
      content::store::SetTags(c, id, rendered.tags);
    }
    if (ch.coauthors) {
      auto coauthors = ResolveCoauthors(c, e->blog_id, e->head.author_id, *ch.coauthors);
      if (!coauthors) return coauthors.error();
      if (*coauthors != store::Coauthors(c, id)) {
        store::SetCoauthors(c, id, *coauthors);
        // A draft is read by its co-authors of the moment.
        if (e->state != EntryState::kPublished)
          if (auto blog = store::LoadBlog(c, e->blog_id)) store::SetEntryAudience(c, *e, *blog);
        if (e->state == EntryState::kPublished) store::Changed(c, e->blog_id, clock_.NowMs());
      }
    }
    const bool new_cover = ch.cover_image && *ch.cover_image != e->cover_image_id;
    if (new_cover) e->cover_image_id = *ch.cover_image;
    if (ch.body || (new_cover && e->cover_image_id))
      if (auto st = AttachImages(c, id, who.user.id, e->body, e->cover_image_id); !st) return st;
    if (!ch.title && !ch.excerpt && !ch.body && !new_cover) return OkStatus();  // nothing asked of it: not an edit
    ++e->version;
    store::UpdateEntry(c, *e);
    content::store::MarkEdited(c, id, clock_.NowMs());
    if (e->state == EntryState::kPublished) store::Changed(c, e->blog_id, clock_.NowMs());
    return OkStatus();
  });
  if (!st) return st.error();
  return Get(me, id);
}

Result<std::vector<content::store::Revision>> BlogService::History(const content::Viewer& viewer, Id id) {
  return db_.Read([&](Connection& c) -> Result<std::vector<content::store::Revision>> {
    auto e = store::LoadEntry(c, id);
    if (!e) return Error::NotFound("no such entry");
    auto v = ViewOf(c, viewer, *e);
    if (!v) return Error::NotFound("no such entry");
    if (!v->can_edit) return Error::Forbidden("an entry's history is for those who may edit it");
    auto versions = content::store::Revisions(c, id);
    versions.push_back({static_cast<int>(versions.size()) + 1, e->body, e->head.edited_at.value_or(e->head.created_at)});
    return versions;
  });
}

// Publishes or unpublishes `e` (its audience, its blog's counts, rank and feed version); the
// first publication tells the blog's followers (`told`). Any schedule ends.
void ChangePublication(Connection& c, IdGenerator& ids, Entry& e, const Blog& blog, Id actor, bool published, std::int64_t now,
                       std::vector<Id>& told) {
  e.scheduled_at.reset();
  e.scheduled_by.reset();
  const bool was = e.state == EntryState::kPublished;
  if (was == published) {
    store::UpdateEntry(c, e);
    return;
  }
  e.state = published ? EntryState::kPublished : EntryState::kDraft;
  const bool first = published && !e.published_at;
  if (first) e.published_at = now;
  store::UpdateEntry(c, e);
  store::SetEntryAudience(c, e, blog);
  store::Recount(c, blog.id, published ? std::optional<std::int64_t>(now) : std::nullopt);
  store::Changed(c, blog.id, now);
  // A draft adds nothing to its blog's rank; published again, it has its own back.
  store::SetRank(c, e, published ? EntryRank(e.recommend_count, e.reader_count, *e.published_at) : 0);
  if (first) told = TellFollowers(c, ids, e, actor, now);
}

Result<EntryView> BlogService::SetPublished(const identity::Principal& who, Id id, bool published,
                                            std::optional<std::int64_t> at) {
  const content::Viewer me = AsViewer(who);
  std::vector<Id> told;
  auto st = db_.Write([&](Connection& c) -> Status {
    told.clear();
    auto e = store::LoadEntry(c, id);
    if (!e || !content::CanRead(c, me, e->head)) return Error::NotFound("no such entry");
    auto blog = store::LoadBlog(c, e->blog_id);
    if (!blog) return Error::NotFound("no such entry");
    if (!MayPublish(store::RoleOf(c, blog->id, who.user.id), OwnEntry(c, *e, who.user.id)))
      return Error::Forbidden("only the blog's editors, and authors for their own entries, publish");
    const std::int64_t now = clock_.NowMs();
    if (published && at && *at > now) {
      // Later: it stays a draft until the scheduler publishes it, as this person.
      if (e->state == EntryState::kPublished) return Error::Conflict("the entry is published already", "at");
      if (*at > now + 5LL * 366 * 24 * 3600 * 1000) return Error::Invalid("at", "a time within five years");
      e->scheduled_at = *at;
      e->scheduled_by = who.user.id;
      store::UpdateEntry(c, *e);
      return OkStatus();
    }
    ChangePublication(c, ids_, *e, *blog, who.user.id, published, now, told);
    return OkStatus();
  });
  if (!st) return st.error();
  Notified(who.user.id, std::move(told));
  return Get(me, id);
}

int BlogService::PublishDue() {
  const std::int64_t now = clock_.NowMs();
  std::vector<Id> due;
  db_.Read([&](Connection& c) {
    auto q = c.Prepare("SELECT content_id FROM blog_entries WHERE scheduled_at IS NOT NULL AND scheduled_at <= ?1"
                       " ORDER BY scheduled_at LIMIT 100",
                       now);
    while (q.Next()) due.push_back(q.Int(0));
  });
  int published = 0;
  for (Id id : due) {
    std::vector<Id> told;
    Id actor = 0;
    db_.Write([&](Connection& c) {
      told.clear();
      auto e = store::LoadEntry(c, id);
      if (!e || !e->scheduled_at || *e->scheduled_at > now) return;  // changed meanwhile
      auto blog = store::LoadBlog(c, e->blog_id);
      if (!blog) return;
      actor = e->scheduled_by.value_or(0);
      // Published as the person who scheduled it, if they still may; else the schedule ends.
      const bool may = actor && MayPublish(store::RoleOf(c, blog->id, actor), OwnEntry(c, *e, actor));
      ChangePublication(c, ids_, *e, *blog, actor, may, now, told);
      if (may) ++published;
    });
    Notified(actor, std::move(told));
  }
  return published;
}

Status BlogService::Delete(const identity::Principal& who, Id id, const std::string& ip) {
  const content::Viewer me = AsViewer(who);
  std::vector<std::string> image_keys;
  auto st = db_.Write([&](Connection& c) -> Status {
    image_keys.clear();
    auto e = store::LoadEntry(c, id);
    if (!e || !content::CanRead(c, me, e->head)) return Error::NotFound("no such entry");
    const bool own = e->head.author_id == who.user.id;
    if (!own && !who.is_admin() && !Edits(store::RoleOf(c, e->blog_id, who.user.id)))
      return Error::Forbidden("only its author, the blog's editors or an admin delete an entry");
    store::SetRank(c, *e, 0);  // out of its blog's rank
    for (const auto& i : images::store::OfContent(c, id)) image_keys.push_back(i.key);
    content::store::Delete(c, id);  // the entry row, comments, reactions, images' rows by cascade
    store::Recount(c, e->blog_id, std::nullopt);
    store::Changed(c, e->blog_id, clock_.NowMs());
    if (!own)
      audit::Record(c, {.id = ids_.Next(), .actor_id = who.user.id, .action = "blog_entry.delete", .target_kind = "content",
                        .target_id = id, .detail = "{}", .ip = ip, .created_at = clock_.NowMs()});
    return OkStatus();
  });
  // After the commit: a crash in between leaves unused files, never an entry without its.
  if (st && images_ && !image_keys.empty()) images_->RemoveUnusedFiles(image_keys);
  return st;
}

void BlogService::Notified(Id actor, std::vector<Id> people) {
  if (bus_ && !people.empty()) bus_->Publish({.kind = bus::Event::Kind::kNotified, .actor = actor, .people = std::move(people)});
}

Result<EntryView> BlogService::Recommend(const identity::Principal& who, Id id, bool on) {
  const content::Viewer me = AsViewer(who);
  auto st = db_.Write([&](Connection& c) -> Status {
    auto e = store::LoadEntry(c, id);
    if (!e || !content::CanRead(c, me, e->head)) return Error::NotFound("no such entry");
    if (e->state != EntryState::kPublished) return Error::Conflict("only a published entry is recommended", "entry");
    if (e->head.author_id == who.user.id) return Error::Forbidden("one does not recommend one's own entry");
    const bool changed = store::SetRecommended(c, id, who.user.id, on, clock_.NowMs());
    const bool reader = store::AddReader(c, id, who.user.id);
    if (changed || reader) {
      e->recommend_count += changed ? (on ? 1 : -1) : 0;
      e->reader_count += reader ? 1 : 0;
      store::SetRank(c, *e, EntryRank(e->recommend_count, e->reader_count, e->published_at.value_or(e->head.created_at)));
    }
    return OkStatus();
  });
  if (!st) return st.error();
  return Get(me, id);
}

Status BlogService::RecordView(const content::Viewer& viewer, Id id) {
  if (!viewer.signed_in()) return OkStatus();
  return db_.Write([&](Connection& c) -> Status {
    auto e = store::LoadEntry(c, id);
    if (!e || !content::CanRead(c, viewer, e->head)) return Error::NotFound("no such entry");
    // Drafts are read by their writers at work, not by readers.
    if (e->state != EntryState::kPublished) return OkStatus();
    const std::int64_t day = clock_.NowMs() / (24LL * 60 * 60 * 1000);
    store::AddView(c, id, viewer.id, day);
    if (store::AddReader(c, id, viewer.id))
      store::SetRank(c, *e, EntryRank(e->recommend_count, e->reader_count + 1, e->published_at.value_or(e->head.created_at)));
    return OkStatus();
  });
}

}  // namespace agora::blogs
