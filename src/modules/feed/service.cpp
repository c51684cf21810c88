#include "modules/feed/service.h"

#include <algorithm>
#include <unordered_map>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/cursor.h"
#include "core/markdown.h"
#include "modules/communities/store.h"
#include "modules/content/audience.h"
#include "modules/content/store.h"
#include "modules/people/policy.h"
#include "modules/people/store.h"

namespace agora::feed {
namespace {

using agora::store::Connection;

const std::string kHome = std::string(
    "SELECT c.id FROM content c WHERE c.kind = 'post' AND c.id < ?1 AND (c.author_id = ?901"
    " OR c.author_id IN (SELECT followee_id FROM follows WHERE follower_id = ?901)"
    " OR c.id IN (SELECT t.content_id FROM tag_follows f JOIN content_tags t ON t.tag = f.tag WHERE f.person_id = ?901)"
    " OR c.id IN (SELECT content_id FROM content_readers WHERE person_id = ?901)"
    " OR c.container_id IN (SELECT community_id FROM community_members WHERE person_id = ?901 AND state = 'active'"
    " AND muted = 0)) AND ") +
    content::kVisibleToViewer + " ORDER BY c.id DESC LIMIT ?2";
const std::string kPerson = std::string(
    "SELECT c.id FROM content c WHERE c.kind = 'post' AND c.author_id = ?3 AND c.id < ?1 AND ") +
    content::kVisibleToViewer + " ORDER BY c.id DESC LIMIT ?2";
const std::string kCommunity = std::string(
    "SELECT c.id FROM content c WHERE c.container_id = ?3 AND c.kind = 'post' AND c.id < ?1 AND ") +
    content::kVisibleToViewer + " ORDER BY c.id DESC LIMIT ?2";
const std::string kTag = std::string(
    "SELECT c.id FROM content_tags t JOIN content c ON c.id = t.content_id WHERE t.tag = ?3 AND t.content_id < ?1"
    " AND c.kind = 'post' AND ") + content::kVisibleToViewer + " ORDER BY t.content_id DESC LIMIT ?2";
// Discover: what the reader may read, but not posts meant for named people (those stay
// where they were addressed).
const std::string kDiscover = std::string(
    "SELECT c.id FROM content c WHERE c.kind = 'post' AND c.id < ?1 AND c.audience <> 'restricted' AND ") +
    content::kVisibleToViewer + " ORDER BY c.id DESC LIMIT ?2";
constexpr const char* kTrending =
    "SELECT t.tag, count(*) FROM content_tags t JOIN content c ON c.id = t.content_id"
    " WHERE t.content_id > ?1 AND c.kind = 'post' AND c.audience IN ('public', 'organization')"
    " GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT ?2";
constexpr const char* kFollowsTag = "SELECT 1 FROM tag_follows WHERE person_id = ?1 AND tag = ?2";
constexpr const char* kFollowTag = "INSERT INTO tag_follows (person_id, tag, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";
constexpr const char* kUnfollowTag = "DELETE FROM tag_follows WHERE person_id = ?1 AND tag = ?2";

Result<std::string> CheckTag(std::string_view raw) {
  std::string_view t = raw;
  if (!t.empty() && t.front() == '#') t.remove_prefix(1);
  std::string tag = markdown::NormalizeTag(t);
  if (tag.empty()) return Error::Invalid("tag", "a hashtag is 1 to 50 letters, digits, _ or -, with a letter");
  return tag;
}

bool FollowsTag(Connection& c, Id person, const std::string& tag) { return c.Prepare(kFollowsTag, person, tag).Next(); }

// The index's candidates for one page: the lists of what the source covers, merged, each
// entry put through the audience rule.
// `subs`: the reader's, for the home feed.
posts::PostIndex::Merged FromIndex(Connection& c, const posts::PostIndex& index, const content::Viewer& viewer,
                                   const Source& source, const Subscriptions* subs, Id before, size_t want) {
  static const std::vector<std::string> kNoTags;
  std::vector<Id> authors;
  const std::vector<std::string>* tags = &kNoTags;
  std::vector<std::string> one_tag;
  std::vector<Id> communities;
  Id reader = 0;  // the home feed: the restricted posts that name the reader
  switch (source.kind) {
    case Source::Kind::kHome:
      authors.reserve(subs->people.size() + 1);
      authors.push_back(viewer.id);
      authors.insert(authors.end(), subs->people.begin(), subs->people.end());
      tags = &subs->tags;
      communities = subs->communities;
      reader = viewer.id;
      break;
    case Source::Kind::kPerson: authors.push_back(source.person); break;
    case Source::Kind::kCommunity: communities.push_back(source.person); break;
    case Source::Kind::kTag:
      one_tag.push_back(source.tag);
      tags = &one_tag;
      break;
    case Source::Kind::kDiscover: break;  // read from SQL (see Read)
  }
  // Community posts: the audience rule for their community, asked once per community per page.
  std::unordered_map<Id, bool> member_of;
  auto is_member = [&](Id community) {
    auto [it, fresh] = member_of.try_emplace(community, false);
    if (fresh) it->second = content::ReadsCommunity(c, viewer, community);
    return it->second;
  };
  return index.Merge(authors, *tags, communities, reader, before, want, [&](const posts::PostIndex::Entry& e, Id community) {
    if (e.audience == content::Audience::kCommunity)
      return community ? is_member(community) : content::LoadReadable(c, viewer, e.id).ok();
    content::ContentHead head;
    head.id = e.id;
    head.author_id = e.author;
    head.audience = e.audience;
    return content::CanRead(c, viewer, head);
  });
}

// Why a post is in the reader's home feed, as "reason": {"kind", "tag"?}: their own; shared
// with them by name; from a community they are in; from someone they follow; or a hashtag
// they follow. Read from the rendered item itself (author, audience, community, tags: no
// more queries on the home feed) and spliced into it.
void AddReasons(const content::Viewer& viewer, const Subscriptions& subs, std::vector<std::string>& items) {
  auto contains = [](const auto& list, const auto& v) { return std::find(list.begin(), list.end(), v) != list.end(); };
  const std::string me = IdToString(viewer.id);
  for (auto& item : items) {
    boost::system::error_code ec;
    auto parsed = boost::json::parse(item, ec);
    const auto* post = ec ? nullptr : parsed.if_object();
    if (!post) continue;
    auto text = [&](const boost::json::object& o, std::string_view key) -> std::string_view {
      const auto* v = o.if_contains(key);
      return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
    };
    const auto* author_card = post->if_contains("author");
    const auto* community = post->if_contains("community");
    const std::string_view author_id = author_card && author_card->is_object() ? text(author_card->get_object(), "id") : "";
    // Plain ids (0: none): GCC 12 warns falsely about optionals here.
    const Id community_id = community && community->is_object() ? ParseId(text(community->get_object(), "id")).value_or(0) : 0;
    const Id author = ParseId(author_id).value_or(0);
    boost::json::object reason;
    if (author_id == me) {
      reason["kind"] = "own";
    } else if (text(*post, "audience") == "restricted") {
      reason["kind"] = "named";
    } else if (community_id && contains(subs.communities, community_id)) {
      reason["kind"] = "community";
    } else if (author && contains(subs.people, author)) {
      reason["kind"] = "following";
    } else if (const auto* tags = post->if_contains("tags"); tags && tags->is_array()) {
      for (const auto& tag : tags->get_array())
        if (tag.is_string() && contains(subs.tags, std::string(tag.get_string()))) {
          reason["kind"] = "tag";
          reason["tag"] = tag.get_string();
          break;
        }
    }
    if (reason.empty()) continue;
    item.insert(1, "\"reason\":" + boost::json::serialize(reason) + ",");
  }
}

}  // namespace

Result<Source> ParseSource(std::string_view text) {
  if (text.empty() || text == "home") return Source{};
  if (text == "discover") return Source{Source::Kind::kDiscover, 0, {}};
  if (text.starts_with("person:")) {
    auto id = ParseId(text.substr(7));
    if (!id) return Error::Invalid("source", "person:{id} needs a person's id");
    return Source{Source::Kind::kPerson, *id, {}};
  }
  if (text.starts_with("community:")) {
    auto id = ParseId(text.substr(10));
    if (!id) return Error::Invalid("source", "community:{id} needs a community's id");
    return Source{Source::Kind::kCommunity, *id, {}};
  }
  if (text.starts_with("tag:")) {
    auto tag = CheckTag(text.substr(4));
    if (!tag) return Error::Invalid("source", tag.error().message);
    return Source{Source::Kind::kTag, 0, *tag};
  }
  return Error::Invalid("source", "must be home, discover, person:{id}, community:{id} or tag:{tag}");
}

Result<Page> FeedService::Read(const content::Viewer& viewer, const Source& source, std::string_view cursor, int limit) {
  Id before = INT64_MAX;
  if (!cursor.empty()) {
    auto c = DecodeCursor(cursor);
    if (!c) return c.error();
    before = c->id;
  }
  if (!viewer.signed_in() && source.kind == Source::Kind::kHome) return Error::Unauthenticated("sign in to read your feed");
  // Discover reads everything: the content table's own order serves it better than merging
  // every author's list.
  const bool from_index = index_ && index_->Ready() && source.kind != Source::Kind::kDiscover;
  // Outside the page's read transaction (subscriptions.h says why).
  std::shared_ptr<const Subscriptions> subs;
  // The home feed says why each post is there, from the reader's subscriptions.
  if (source.kind == Source::Kind::kHome) subs = subscriptions_.Get(db_, viewer.id);
  return db_.Read([&](Connection& c) -> Result<Page> {
    const std::string* sql = &kHome;
    if (source.kind == Source::Kind::kPerson) {
      // The timeline of someone whose profile the reader may not see does not exist for them.
      auto subject = people::store::LoadSubject(c, source.person, "");
      if (!subject) return Error::NotFound("no such person");
      if (viewer.signed_in() && subject->account.id != viewer.id && viewer.role != identity::Role::kAdmin &&
          (!subject->account.active || subject->account.role == identity::Role::kGuest) )
        return Error::NotFound("no such person");
      sql = &kPerson;
    } else if (source.kind == Source::Kind::kTag) {
      sql = &kTag;
    } else if (source.kind == Source::Kind::kDiscover) {
      sql = &kDiscover;
    } else if (source.kind == Source::Kind::kCommunity) {
      // A community the reader may not see (a secret one) has no stream for them.
      if (auto community = communities::store::FindVisible(c, viewer, IdToString(source.person)); !community)
        return community.error();
      sql = &kCommunity;
    }
    Page page;
    std::vector<Id> ids;
    if (from_index) {
      auto merged = FromIndex(c, *index_, viewer, source, subs.get(), before, static_cast<size_t>(limit) + 1);
      for (const auto& e : merged.entries) ids.push_back(e.id);
      if (merged.more && static_cast<int>(ids.size()) <= limit) page.next_cursor = EncodeCursor({"", merged.resume_before});
    } else {
      auto q = c.Prepare(*sql, before, limit + 1);
      if (source.kind == Source::Kind::kPerson || source.kind == Source::Kind::kCommunity) q.Bind(3, source.person);
      if (source.kind == Source::Kind::kTag) q.Bind(3, source.tag);
      content::BindViewer(q, viewer);
      while (q.Next()) ids.push_back(q.Int(0));
    }
    if (source.kind == Source::Kind::kHome && !home_sources_.empty()) {
      MergeHomeItems(c, viewer, before, limit, ids, page, subs.get());
      return page;
    }
    if (static_cast<int>(ids.size()) > limit) {
      ids.pop_back();
      page.next_cursor = EncodeCursor({"", ids.back()});
    }
    page.items = posts_.RenderItems(c, viewer, ids);
    if (source.kind == Source::Kind::kHome && subs) AddReasons(viewer, *subs, page.items);
    page.ids = std::move(ids);
    return page;
  });
}

void FeedService::MergeHomeItems(Connection& c, const content::Viewer& viewer, Id before, int limit, std::vector<Id>& post_ids,
                                 Page& page, const Subscriptions* subs) {
  // The posts' page may end early (the index stopped at `resume`): what is older than that
  // comes on the next page, other kinds' items too, so nothing shows twice or never.
  std::optional<Id> resume;
  if (page.next_cursor)
    if (auto cur = DecodeCursor(*page.next_cursor)) resume = cur->id;
  std::vector<HomeItem> others;
  for (const auto& source : home_sources_)
    for (auto& item : source(c, viewer, before, limit + 1))
      if (!resume || item.key >= *resume) others.push_back(std::move(item));
  // Newest first, posts and the others together; one more than the page says whether more follow.
  struct Slot {
    Id key;
    int other;  // index into `others`, or -1 for a post
  };
  std::vector<Slot> slots;
  for (Id id : post_ids) slots.push_back({id, -1});
  for (size_t i = 0; i < others.size(); ++i) slots.push_back({others[i].key, static_cast<int>(i)});
  std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) { return a.key > b.key; });
  if (static_cast<int>(slots.size()) > limit) {
    slots.resize(static_cast<size_t>(limit));
    page.next_cursor = EncodeCursor({"", slots.back().key});
  }
  std::vector<Id> shown_posts;
  for (const auto& s : slots)
    if (s.other < 0) shown_posts.push_back(s.key);
  auto rendered = posts_.RenderItems(c, viewer, shown_posts);
  if (subs) AddReasons(viewer, *subs, rendered);
  // Rendered posts in their order (a post the reader may no longer read is left out).
  std::unordered_map<Id, std::string> by_id;
  for (auto& item : rendered) {
    constexpr std::string_view kId = "\"id\":\"";
    auto at = item.find(kId);
    if (at == std::string::npos) continue;
    auto end = item.find('"', at + kId.size());
    if (auto id = ParseId(std::string_view(item).substr(at + kId.size(), end - at - kId.size()))) by_id[*id] = std::move(item);
  }
  page.ids.clear();
  page.items.clear();
  for (const auto& s : slots) {
    if (s.other >= 0) {
      page.items.push_back(std::move(others[static_cast<size_t>(s.other)].json));
    } else if (auto it = by_id.find(s.key); it != by_id.end()) {
      page.ids.push_back(s.key);
      page.items.push_back(std::move(it->second));
    }
  }
}

Result<Page> FeedService::Pinned(const content::Viewer& viewer, Id community_id) {
  return db_.Read([&](Connection& c) -> Result<Page> {
    auto community = communities::store::FindVisible(c, viewer, IdToString(community_id));
    if (!community) return community.error();
    Page page;
    page.ids = communities::store::Pins(c, community->community.id);
    page.items = posts_.RenderItems(c, viewer, page.ids);
    return page;
  });
}

Result<TagInfo> FeedService::Tag(const content::Viewer& viewer, std::string_view raw) {
  auto tag = CheckTag(raw);
  if (!tag) return tag.error();
  bool followed = viewer.signed_in() && db_.Read([&](Connection& c) { return FollowsTag(c, viewer.id, *tag); });
  return TagInfo{*tag, followed};
}

std::vector<TrendingTag> FeedService::Trending(const content::Viewer& viewer, int limit) {
  if (!viewer.in_organization()) return {};
  constexpr std::int64_t kFreshMs = 5 * 60'000, kWindowMs = 7 * 24 * 3600'000LL;
  std::lock_guard lock(trending_mu_);
  const std::int64_t now = clock_.NowMs();
  if (trending_at_ms_ < 0 || now - trending_at_ms_ > kFreshMs) {
    // Ids grow with time (core/ids.h): the first id of the window bounds the index range.
    const Id since = ((now - kWindowMs - kIdEpochMs) << (kIdNodeBits + kIdSequenceBits));
    trending_ = db_.Read([&](Connection& c) {
      std::vector<TrendingTag> out;
      auto q = c.Prepare(kTrending, since, 50);
      while (q.Next()) out.push_back({q.Text(0), q.Int(1)});
      return out;
    });
    trending_at_ms_ = now;
  }
  return {trending_.begin(), trending_.begin() + std::min<std::ptrdiff_t>(limit, static_cast<std::ptrdiff_t>(trending_.size()))};
}

Result<TagInfo> FeedService::FollowTag(const identity::Principal& who, std::string_view raw) {
  auto tag = CheckTag(raw);
  if (!tag) return tag.error();
  if (who.user.role == identity::Role::kAlumnus) return Error::Forbidden("alumni cannot follow hashtags");
  db_.Write([&](Connection& c) { c.Prepare(kFollowTag, who.user.id, *tag, clock_.NowMs()).Run(); });
  SubscriptionsChanged(who.user.id);
  return TagInfo{*tag, true};
}

Result<TagInfo> FeedService::UnfollowTag(const identity::Principal& who, std::string_view raw) {
  auto tag = CheckTag(raw);
  if (!tag) return tag.error();
  db_.Write([&](Connection& c) { c.Prepare(kUnfollowTag, who.user.id, *tag).Run(); });
  SubscriptionsChanged(who.user.id);
  return TagInfo{*tag, false};
}

void FeedService::Apply(const bus::Event& e) {
  if (e.kind == bus::Event::Kind::kFollowsChanged || e.kind == bus::Event::Kind::kSubscriptionsChanged)
    subscriptions_.Forget(e.actor);
}

}  // namespace agora::feed
