// One search index over every kind of content and person (DESIGN.md, issue 17), on Xapian.
// This folder knows no HTTP and no module: a module describes each of its documents (its
// text fields and their weights, its language, who may read it, its author, container and
// date) and the index keeps them; a reader's query returns only documents whose audience
// terms the reader holds. Audience is a boolean filter (OP_FILTER), so it never changes a
// score, and counts are of what the reader may see.
//
// Each document is indexed twice over: stemmed in its own language and as written,
// so "сообщества" finds "сообщество" and an exact word still ranks its document first.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace agora::search {

struct Field {
  std::string text;
  int weight = 1;  // how much a word of this field counts (a title more than a body)
};

// What a module tells the index about one of its documents.
struct Document {
  std::string key;       // unique across kinds: "post:123", "person:45"
  std::string kind;      // "post", "person", "community", "topic", "comment"
  std::string language;  // the content's language ("sv"); empty: not stemmed
  std::vector<Field> fields;
  // Who may read it, as terms a reader holds: "public", "org", "community:7", "person:45".
  std::vector<std::string> audience;
  std::int64_t author = 0;
  std::int64_t container = 0;  // the community it is in; 0: none
  std::int64_t created_at = 0;  // unix seconds
};

struct Query {
  std::string text;
  std::vector<std::string> languages;  // the reader's, to stem the query in each
  std::vector<std::string> reader;     // the audience terms the reader holds
  std::vector<std::string> kinds;      // only these kinds; empty: all
  std::int64_t author = 0;             // only by this person; 0: anyone
  std::int64_t container = 0;          // only in this community; 0: anywhere
  std::int64_t after = 0;              // created at or after (unix seconds); 0: no bound
  std::int64_t before = 0;             // created before; 0: no bound
  bool newest_first = false;           // by date instead of relevance
  int offset = 0;
  int limit = 20;
};

struct Hit {
  std::string key;
  std::string kind;
  double score = 0;
};

struct Results {
  std::vector<Hit> hits;
  // How many the reader may see match, by Xapian's estimate within the audience filter (so
  // it never counts what the reader may not read).
  std::uint64_t matches_estimated = 0;
};

// The languages stemmed here: Snowball's, and Bulgarian by our light stemmer (bulgarian.h).
bool HasStemmer(const std::string& language);

class Index {
 public:
  // A database in `directory` (created when missing); empty: in memory (tests).
  explicit Index(const std::string& directory = {});
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  void Put(const Document& doc);  // adds or replaces by key
  void Remove(const std::string& key);
  void Commit();
  std::uint64_t size() const;
  // The query language is Xapian's: "a phrase", -word, OR, prefix*; any other text is words.
  Results Search(const Query& query) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora::search
