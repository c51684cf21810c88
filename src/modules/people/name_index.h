// Name suggestions from memory. "Type a few letters of a name" must answer in well under a
// millisecond at 400,000 people, whichever script and however many names match; in SQL a
// common prefix either collects and sorts thousands of matches or walks the whole name index
// when the matches sort last (Cyrillic or Japanese names among Latin ones), 50-100 ms.
//
// Held here: each person's name, role and state, their name's words in every spelling
// (users.name_words, core/name_words.h; sorted, for prefix ranges) and ICU sort keys per order (core/collation.h), so the first page of
// matches is a prefix range plus a top-k by bytewise key. A search first applies the
// database's `name_changes` log (one indexed query) when anything was committed since this
// thread last looked (SQLite's data_version), so writes by any process show at once.
// Built in the background at start-up; until then, and for searches with other filters,
// the directory uses SQL.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/collation.h"
#include "core/ids.h"
#include "modules/identity/model.h"
#include "modules/people/policy.h"
#include "store/database.h"

namespace agora::people {

class NameIndex {
 public:
  explicit NameIndex(agora::store::Database& db) : db_(db), serial_(next_serial_.fetch_add(1)) {}
  ~NameIndex();
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;

  // Loads every name on a background thread; Search answers once it is done.
  void StartBuilding();
  // Loads every name now (tests, tools).
  void Build();
  bool ready() const { return ready_.load(std::memory_order_acquire); }

  // Up to `limit` ids of people each of whose `words` starts a word of their name, in
  // `order` after (after_name, after_id), visible under `f`. nullopt when not ready.
  std::optional<std::vector<Id>> Search(const std::vector<std::u32string>& words, std::string_view order,
                                        const std::string& after_name, Id after_id, int limit, ListFilter f);

 private:
  struct Person {
    Id id = 0;
    std::string name;
    std::array<std::string, collation::kOrders.size()> keys;
  };
  static constexpr std::uint8_t kActive = 1, kGuest = 2;
  struct Word {
    std::u32string word;
    std::uint32_t person;  // index into people_
    std::uint32_t generation;
  };

  // Applies name_changes after seq_ (caller holds no lock).
  void CatchUp();
  // Sets a person's data (unique lock held), adding their words to the overlay.
  void Apply(Id id, std::string name, identity::Role role, bool active, std::string_view words);
  // Folds the overlay into the sorted words (unique lock held).
  void Compact();
  // Whether person a sorts before person b in order k (key, then id).
  bool Before(size_t k, std::uint32_t a, std::uint32_t b) const;

  agora::store::Database& db_;
  inline static std::atomic<std::uint64_t> next_serial_{1};
  const std::uint64_t serial_;  // tells this index's per-thread state from a former one's
  std::atomic<bool> ready_{false};
  std::thread builder_;
  std::shared_mutex mu_;
  std::vector<std::unique_ptr<collation::Collator>> collators_;  // used under the unique lock
  std::vector<Person> people_;
  std::vector<size_t> words_hash_;  // per person slot: a hash of users.name_words, to see it change
  // Per person, in flat arrays so a search over tens of thousands of candidates reads them
  // sequentially: the generation (bumped on change; word entries of older generations are
  // stale), role/state flags, and the first 8 bytes of each order's sort key (big-endian, so
  // comparing them compares the keys' prefixes).
  std::vector<std::uint32_t> generation_;
  std::vector<std::uint8_t> flags_;
  std::array<std::vector<std::uint64_t>, collation::kOrders.size()> key_prefix_;
  std::unordered_map<Id, std::uint32_t> index_of_;
  std::vector<Word> words_;    // sorted by word
  // Where each distinct word starts in words_ (ascending), and per order the positions of
  // words_ sorted by (word, that order's key, id): a prefix's range is the same slice in
  // both, and within it each word's entries are already in name order, so the first page is
  // a merge of one cursor per distinct word, not a pass over every match.
  std::vector<std::uint32_t> word_starts_;
  std::array<std::vector<std::uint32_t>, collation::kOrders.size()> by_order_;
  std::vector<Word> overlay_;  // recent, unsorted; scanned whole
  std::int64_t seq_ = 0;       // last name_changes row applied

};

}  // namespace agora::people
