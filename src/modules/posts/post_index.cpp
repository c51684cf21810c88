#include "modules/posts/post_index.h"

#include <algorithm>
#include <mutex>
#include <queue>

#include "core/log.h"

namespace agora::posts {
namespace {

constexpr const char* kPosts = "SELECT id, author_id, audience, container_id FROM content WHERE kind = 'post' ORDER BY id";
constexpr const char* kTags =
    "SELECT t.tag, c.id, c.author_id, c.audience FROM content_tags t JOIN content c ON c.id = t.content_id"
    " WHERE c.kind = 'post' ORDER BY t.tag, c.id";
constexpr const char* kReaders =
    "SELECT r.person_id, c.id, c.author_id, c.audience FROM content_readers r JOIN content c ON c.id = r.content_id"
    " WHERE c.kind = 'post' ORDER BY r.person_id, c.id";

bool Older(const PostIndex::Entry& e, Id id) { return e.id < id; }

}  // namespace

PostIndex::~PostIndex() {
  if (builder_.joinable()) builder_.join();
}

void PostIndex::StartBuilding() {
  {
    std::unique_lock lock(mu_);
    building_ = true;
  }
  builder_ = std::thread([this] {
    try {
      Build();
    } catch (const std::exception& e) {
      log::Error("post index not built; feeds use SQL", {{"error", e.what()}});
    }
  });
}

void PostIndex::Build() {
  {
    std::unique_lock lock(mu_);
    building_ = true;
  }
  auto started = std::chrono::steady_clock::now();
  boost::unordered_flat_map<Id, std::vector<Entry>> by_author;
  std::unordered_map<std::string, std::vector<Entry>> by_tag;
  std::unordered_map<Id, std::vector<Entry>> by_community;
  std::unordered_map<Id, Id> community_of;
  std::unordered_map<Id, std::vector<Entry>> by_reader;
  size_t count = 0;
  db_.Read([&](agora::store::Connection& c) {
    for (auto q = c.Prepare(kPosts); q.Next(); ++count) {
      Entry e{q.Int(0), q.Int(1), content::ParseAudience(q.TextView(2)).value_or(content::Audience::kPrivate)};
      by_author[e.author].push_back(e);
      if (!q.IsNull(3)) {
        by_community[q.Int(3)].push_back(e);
        community_of.emplace(e.id, q.Int(3));
      }
    }
    std::string tag;
    std::vector<Entry>* list = nullptr;
    for (auto q = c.Prepare(kTags); q.Next();) {
      if (!list || q.TextView(0) != tag) {
        tag = q.Text(0);
        list = &by_tag[tag];
      }
      list->push_back({q.Int(1), q.Int(2), content::ParseAudience(q.TextView(3)).value_or(content::Audience::kPrivate)});
    }
    for (auto q = c.Prepare(kReaders); q.Next();)
      by_reader[q.Int(0)].push_back({q.Int(1), q.Int(2), content::ParseAudience(q.TextView(3)).value_or(content::Audience::kPrivate)});
  });
  // Lists grew by doubling: give back the slack (up to half of the index's memory).
  for (auto& [author, list] : by_author) list.shrink_to_fit();
  for (auto& [tag, list] : by_tag) list.shrink_to_fit();
  std::unique_lock lock(mu_);
  by_author_ = std::move(by_author);
  by_tag_ = std::move(by_tag);
  by_community_ = std::move(by_community);
  community_of_ = std::move(community_of);
  by_reader_ = std::move(by_reader);
  for (auto& change : pending_) change();
  pending_.clear();
  building_ = false;
  ready_.store(true, std::memory_order_release);
  log::Info("post index built", {{"posts", static_cast<std::int64_t>(count)}, {"tags", static_cast<std::int64_t>(by_tag_.size())},
                                  {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()}});
}

void PostIndex::Insert(std::vector<Entry>& list, const Entry& e) {
  if (list.empty() || list.back().id < e.id) {
    list.push_back(e);  // the usual case: the newest post
    return;
  }
  auto it = std::lower_bound(list.begin(), list.end(), e.id, Older);
  if (it != list.end() && it->id == e.id) return;
  list.insert(it, e);
}

void PostIndex::Erase(std::vector<Entry>& list, Id id) {
  auto it = std::lower_bound(list.begin(), list.end(), id, Older);
  if (it != list.end() && it->id == id) list.erase(it);
}

void PostIndex::Apply(const bus::Event& e) {
  using Kind = bus::Event::Kind;
  if (!e.post || (e.kind != Kind::kPostCreated && e.kind != Kind::kPostEdited && e.kind != Kind::kPostDeleted)) return;
  const auto& p = *e.post;
  const Entry entry{e.content_id, p.author, static_cast<content::Audience>(p.audience)};
  if (e.kind == Kind::kPostCreated) Added(entry, p.tags, p.community, p.readers);
  if (e.kind == Kind::kPostEdited) TagsChanged(entry, p.tags_before, p.tags);
  if (e.kind == Kind::kPostDeleted) Removed(entry, p.tags, p.community, p.readers);
}

void PostIndex::Added(const Entry& e, const std::vector<std::string>& tags, Id community, const std::vector<Id>& readers) {
  std::unique_lock lock(mu_);
  auto apply = [this, e, tags, community, readers] {
    for (Id r : readers) Insert(by_reader_[r], e);
    Insert(by_author_[e.author], e);
    if (community) {
      Insert(by_community_[community], e);
      community_of_[e.id] = community;
    }
    for (const auto& t : tags) Insert(by_tag_[t], e);
  };
  if (building_) pending_.push_back(apply);
  else apply();
}

void PostIndex::TagsChanged(const Entry& e, const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::unique_lock lock(mu_);
  auto apply = [this, e, before, after] {
    for (const auto& t : before)
      if (auto it = by_tag_.find(t); it != by_tag_.end()) Erase(it->second, e.id);
    for (const auto& t : after) Insert(by_tag_[t], e);
  };
  if (building_) pending_.push_back(apply);
  else apply();
}

void PostIndex::Removed(const Entry& e, const std::vector<std::string>& tags, Id community, const std::vector<Id>& readers) {
  std::unique_lock lock(mu_);
  auto apply = [this, e, tags, community, readers] {
    for (Id r : readers)
      if (auto it = by_reader_.find(r); it != by_reader_.end()) Erase(it->second, e.id);
    if (auto it = by_author_.find(e.author); it != by_author_.end()) Erase(it->second, e.id);
    if (auto it = by_community_.find(community); community && it != by_community_.end()) Erase(it->second, e.id);
    community_of_.erase(e.id);
    for (const auto& t : tags)
      if (auto it = by_tag_.find(t); it != by_tag_.end()) Erase(it->second, e.id);
  };
  if (building_) pending_.push_back(apply);
  else apply();
}

PostIndex::Merged PostIndex::Merge(const std::vector<Id>& authors, const std::vector<std::string>& tags,
                                   const std::vector<Id>& communities, Id reader, Id before_id, size_t want,
                                               const std::function<bool(const Entry&, Id community)>& keep) const {
  // Each list is walked from its newest entry older than `before_id` downwards; a max-heap
  // on the next entry of each list yields the union newest first.
  struct Walk {
    const Entry* begin;
    const Entry* next;  // one past the next entry to yield
  };
  auto newer = [](const Walk& a, const Walk& b) { return (a.next - 1)->id < (b.next - 1)->id; };
  std::vector<Walk> walks;
  walks.reserve(authors.size() + tags.size() + communities.size() + 1);
  auto add = [&](const std::vector<Entry>& list) {
    if (list.empty()) return;
    // A first page starts at each list's end: no search through a long list.
    auto end = list.back().id < before_id ? list.end() : std::lower_bound(list.begin(), list.end(), before_id, Older);
    if (end != list.begin()) walks.push_back({list.data(), list.data() + (end - list.begin())});
  };
  std::shared_lock lock(mu_);
  for (Id a : authors)
    if (auto it = by_author_.find(a); it != by_author_.end()) add(it->second);
  for (const auto& t : tags)
    if (auto it = by_tag_.find(t); it != by_tag_.end()) add(it->second);
  for (Id community : communities)
    if (auto it = by_community_.find(community); it != by_community_.end()) add(it->second);
  if (auto it = by_reader_.find(reader); reader && it != by_reader_.end()) add(it->second);
  std::priority_queue<Walk, std::vector<Walk>, decltype(newer)> heap(newer, std::move(walks));  // one make_heap
  Merged out;
  Id last = 0;
  size_t examined = 0;
  while (!heap.empty() && out.entries.size() < want) {
    if (examined++ == kMaxExamined) {
      out.more = true;
      out.resume_before = last;
      break;
    }
    Walk w = heap.top();
    heap.pop();
    const Entry& e = *--w.next;
    if (w.next != w.begin) heap.push(w);
    if (e.id == last) continue;  // the same post through another list
    last = e.id;
    Id community = 0;
    if (e.audience == content::Audience::kCommunity)
      if (auto it = community_of_.find(e.id); it != community_of_.end()) community = it->second;
    if (keep(e, community)) out.entries.push_back(e);
  }
  return out;
}

size_t PostIndex::posts() const {
  std::shared_lock lock(mu_);
  size_t n = 0;
  for (const auto& [author, list] : by_author_) n += list.size();
  return n;
}

}  // namespace agora::posts
