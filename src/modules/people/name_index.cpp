#include "modules/people/name_index.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <mutex>

#include "core/log.h"
#include "core/text.h"

namespace agora::people {
namespace {

// Overlay entries are scanned whole by every search; past this many (or a sixteenth of the
// words, so that a large import does not re-sort everything every few thousand names) they
// are sorted in.
constexpr size_t kMaxOverlay = 4096;

size_t OrderIndex(std::string_view order) {
  for (size_t i = 0; i < collation::kOrders.size(); ++i)
    if (collation::kOrders[i].name == order) return i;
  return 0;
}

// This thread's collators, for the sort key of a cursor's name.
const collation::Collator& ThreadCollator(size_t order) {
  thread_local std::array<std::unique_ptr<collation::Collator>, collation::kOrders.size()> collators;
  if (!collators[order]) collators[order] = collation::Collator::Open(collation::kOrders[order].name);
  return *collators[order];
}

// The first 8 bytes of a sort key as a big-endian number: ordering two of them orders the
// keys' prefixes; equal prefixes need the whole keys.
std::uint64_t KeyPrefix(const std::string& key) {
  std::uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | (i < key.size() ? static_cast<unsigned char>(key[i]) : 0);
  return v;
}

bool StartsWith(const std::u32string& word, const std::u32string& prefix) {
  return word.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), word.begin());
}

}  // namespace

NameIndex::~NameIndex() {
  if (builder_.joinable()) builder_.join();
}

void NameIndex::StartBuilding() {
  builder_ = std::thread([this] {
    try {
      auto started = std::chrono::steady_clock::now();
      Build();
      std::shared_lock lock(mu_);
      log::Info("name index built", {{"people", static_cast<std::int64_t>(people_.size())},
                                     {"words", static_cast<std::int64_t>(words_.size())},
                                     {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count()}});
    } catch (const std::exception& e) {
      log::Error("name index not built; suggestions use SQL", {{"error", e.what()}});
    }
  });
}

void NameIndex::Build() {
  std::unique_lock lock(mu_);
  if (collators_.empty())
    for (const auto& o : collation::kOrders) collators_.push_back(collation::Collator::Open(o.name));
  // The log position and the names from one snapshot: nothing is missed or applied twice.
  db_.Read([&](agora::store::Connection& c) {
    auto last = c.Prepare("SELECT coalesce(max(seq), 0) FROM name_changes");
    seq_ = last.Next() ? last.Int(0) : 0;
    auto rows = c.Prepare("SELECT id, display_name, role, active, name_words FROM users");
    while (rows.Next())
      Apply(rows.Int(0), rows.Text(1), identity::ParseRole(rows.TextView(2)).value_or(identity::Role::kMember),
            rows.Int(3) != 0, rows.TextView(4));
  });
  Compact();
  ready_.store(true, std::memory_order_release);
}

void NameIndex::Apply(Id id, std::string name, identity::Role role, bool active, std::string_view words) {
  const std::uint8_t flags =
      static_cast<std::uint8_t>((active ? kActive : 0) | (role == identity::Role::kGuest ? kGuest : 0));
  auto it = index_of_.find(id);
  if (it != index_of_.end()) {
    flags_[it->second] = flags;
    if (people_[it->second].name == name && words_hash_[it->second] == std::hash<std::string_view>{}(words)) return;
    // A new name takes a new slot: the old slot keeps its keys, so the sorted slices its
    // word entries sit in stay sorted, and a generation bump makes those entries stale.
    ++generation_[it->second];
  }
  const auto at = static_cast<std::uint32_t>(people_.size());
  index_of_[id] = at;
  people_.emplace_back();
  generation_.push_back(1);
  flags_.push_back(flags);
  for (auto& prefixes : key_prefix_) prefixes.push_back(0);
  Person& p = people_[at];
  p.id = id;
  p.name = std::move(name);
  for (size_t k = 0; k < collators_.size(); ++k) {
    p.keys[k] = collators_[k]->SortKey(p.name);
    key_prefix_[k][at] = KeyPrefix(p.keys[k]);
  }
  words_hash_.push_back(std::hash<std::string_view>{}(words));
  for (auto& w : text::FoldedWords(words)) overlay_.push_back({std::move(w), at, generation_[at]});
}

void NameIndex::Compact() {
  auto stale = [this](const Word& w) { return generation_[w.person] != w.generation; };
  std::erase_if(words_, stale);
  std::erase_if(overlay_, stale);
  auto by_word = [](const Word& a, const Word& b) { return a.word < b.word || (a.word == b.word && a.person < b.person); };
  std::sort(overlay_.begin(), overlay_.end(), by_word);
  size_t middle = words_.size();
  words_.insert(words_.end(), std::make_move_iterator(overlay_.begin()), std::make_move_iterator(overlay_.end()));
  std::inplace_merge(words_.begin(), words_.begin() + static_cast<std::ptrdiff_t>(middle), words_.end(), by_word);
  overlay_.clear();
  word_starts_.clear();
  for (size_t i = 0; i < words_.size(); ++i)
    if (i == 0 || words_[i].word != words_[i - 1].word) word_starts_.push_back(static_cast<std::uint32_t>(i));
  for (size_t k = 0; k < by_order_.size(); ++k) {
    auto& perm = by_order_[k];
    perm.resize(words_.size());
    // Within each word's slice, sort by this order's key: slices are independent.
    for (size_t g = 0; g < word_starts_.size(); ++g) {
      std::uint32_t begin = word_starts_[g];
      std::uint32_t end = g + 1 < word_starts_.size() ? word_starts_[g + 1] : static_cast<std::uint32_t>(words_.size());
      for (std::uint32_t i = begin; i < end; ++i) perm[i] = i;
      std::sort(perm.begin() + begin, perm.begin() + end, [&](std::uint32_t a, std::uint32_t b) {
        return Before(k, words_[a].person, words_[b].person);
      });
    }
  }
}

bool NameIndex::Before(size_t k, std::uint32_t a, std::uint32_t b) const {
  if (key_prefix_[k][a] != key_prefix_[k][b]) return key_prefix_[k][a] < key_prefix_[k][b];
  int c = people_[a].keys[k].compare(people_[b].keys[k]);
  return c < 0 || (c == 0 && people_[a].id < people_[b].id);
}

void NameIndex::CatchUp() {
  // Nothing committed anywhere since this thread last looked: nothing to read.
  thread_local std::vector<std::pair<std::uint64_t, std::int64_t>> seen;  // (index serial, version)
  const std::int64_t version = db_.DataVersion();
  auto mine = std::find_if(seen.begin(), seen.end(), [this](const auto& e) { return e.first == serial_; });
  if (mine == seen.end()) {
    seen.emplace_back(serial_, version - 1);
    mine = seen.end() - 1;
  }
  if (mine->second == version) return;
  mine->second = version;
  std::int64_t from;
  {
    std::shared_lock lock(mu_);
    from = seq_;
  }
  struct Change {
    std::int64_t seq;
    Id id;
    std::string name;
    identity::Role role;
    bool active;
    std::string words;
  };
  std::vector<Change> changes;
  db_.Read([&](agora::store::Connection& c) {
    auto q = c.Prepare(
        "SELECT n.seq, u.id, u.display_name, u.role, u.active, u.name_words FROM name_changes n JOIN users u ON u.id = n.user_id"
        " WHERE n.seq > ? ORDER BY n.seq",
        from);
    while (q.Next())
      changes.push_back({q.Int(0), q.Int(1), q.Text(2),
                         identity::ParseRole(q.TextView(3)).value_or(identity::Role::kMember), q.Int(4) != 0,
                         q.Text(5)});
  });
  if (changes.empty()) return;
  std::unique_lock lock(mu_);
  for (auto& ch : changes) {
    if (ch.seq <= seq_) continue;  // another search applied it meanwhile
    Apply(ch.id, std::move(ch.name), ch.role, ch.active, ch.words);
    seq_ = ch.seq;
  }
  if (overlay_.size() > std::max(kMaxOverlay, words_.size() / 16)) Compact();
}

std::optional<std::vector<Id>> NameIndex::Search(const std::vector<std::u32string>& words, std::string_view order,
                                                 const std::string& after_name, Id after_id, int limit,
                                                 ListFilter f) {
  if (!ready()) return std::nullopt;
  CatchUp();
  const size_t k = OrderIndex(order);
  const bool has_after = !after_name.empty() || after_id != 0;
  const std::string after_key = has_after ? ThreadCollator(k).SortKey(after_name) : std::string();
  std::vector<Id> out;
  if (words.empty() || limit <= 0) return out;

  std::shared_lock lock(mu_);
  // The query word with the fewest entries gives the candidates; the others are checked.
  auto range_of = [this](const std::u32string& w) {
    auto lo = std::lower_bound(words_.begin(), words_.end(), w, [](const Word& e, const std::u32string& v) { return e.word < v; });
    std::u32string next = w;
    ++next.back();
    auto hi = std::lower_bound(lo, words_.end(), next, [](const Word& e, const std::u32string& v) { return e.word < v; });
    return std::pair(lo, hi);
  };
  size_t narrowest = 0;
  auto best_range = range_of(words[0]);
  for (size_t i = 1; i < words.size(); ++i) {
    auto r = range_of(words[i]);
    if (r.second - r.first < best_range.second - best_range.first) {
      best_range = r;
      narrowest = i;
    }
  }
  // A person passes when visible under `f`, after the cursor, and (several words) every word
  // starts a word of their name.
  const auto& prefix = key_prefix_[k];
  const std::uint64_t after_prefix = has_after ? KeyPrefix(after_key) : 0;
  auto after_cursor = [&](std::uint32_t idx) {
    if (!has_after) return true;
    if (prefix[idx] != after_prefix) return prefix[idx] > after_prefix;
    int c = people_[idx].keys[k].compare(after_key);
    return c > 0 || (c == 0 && people_[idx].id > after_id);
  };
  auto passes = [&](std::uint32_t idx) {
    std::uint8_t flags = flags_[idx];
    if ((!(flags & kActive) && !f.include_inactive) || ((flags & kGuest) && !f.include_guests)) return false;
    return words.size() == 1 || text::WordsStartWith(people_[idx].name, words);
  };
  std::vector<std::uint32_t> found;  // person indexes, in order
  auto take = [&](std::uint32_t idx) {
    if (std::find(found.begin(), found.end(), idx) != found.end()) return;  // "Ann Ann": met twice
    if (passes(idx)) found.push_back(idx);
  };

  // One cursor per distinct word in the range, each already after the keyset position; a
  // min-heap of cursors by their current entry's key yields entries in name order.
  const auto& perm = by_order_[k];
  const auto lo = static_cast<std::uint32_t>(best_range.first - words_.begin());
  const auto hi = static_cast<std::uint32_t>(best_range.second - words_.begin());
  struct Cursor {
    std::uint32_t at, end;
  };
  std::vector<Cursor> cursors;
  for (auto g = std::lower_bound(word_starts_.begin(), word_starts_.end(), lo); g != word_starts_.end() && *g < hi; ++g) {
    std::uint32_t end = g + 1 != word_starts_.end() ? *(g + 1) : static_cast<std::uint32_t>(words_.size());
    std::uint32_t at = *g;
    if (has_after)
      at = static_cast<std::uint32_t>(std::partition_point(perm.begin() + at, perm.begin() + end, [&](std::uint32_t w) {
                                        return !after_cursor(words_[w].person);
                                      }) - perm.begin());
    if (at < end) cursors.push_back({at, end});
  }
  auto later = [&](const Cursor& a, const Cursor& b) { return Before(k, words_[perm[b.at]].person, words_[perm[a.at]].person); };
  std::make_heap(cursors.begin(), cursors.end(), later);
  while (!cursors.empty() && found.size() < static_cast<size_t>(limit)) {
    std::pop_heap(cursors.begin(), cursors.end(), later);
    Cursor& c = cursors.back();
    const Word& w = words_[perm[c.at]];
    if (generation_[w.person] == w.generation) take(w.person);
    if (++c.at < c.end) {
      std::push_heap(cursors.begin(), cursors.end(), later);
    } else {
      cursors.pop_back();
    }
  }
  // Recent changes are not in those slices yet: add theirs, then keep the first `limit`.
  for (const auto& w : overlay_)
    if (generation_[w.person] == w.generation && StartsWith(w.word, words[narrowest]) && after_cursor(w.person))
      take(w.person);
  auto before = [&](std::uint32_t a, std::uint32_t b) { return Before(k, a, b); };
  std::sort(found.begin(), found.end(), before);
  if (found.size() > static_cast<size_t>(limit)) found.resize(static_cast<size_t>(limit));
  for (auto idx : found) out.push_back(people_[idx].id);
  return out;
}

}  // namespace agora::people
