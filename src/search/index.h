// One search index over every kind of content and person (DESIGN.md, issue 17), on Xapian.
// This folder knows no HTTP and no module: a module describes each of its documents (its
// text fields and their weights, its language, who may read it, its author, container and
// date) and the index keeps them; a reader's query returns only documents whose audience
// terms the reader holds. Audience is a boolean filter (OP_FILTER), so it never changes a
// score, and counts are of what the reader may see.
//
// Each document is indexed twice over: stemmed in its own language and as written,
// so "сообщества" finds "сообщество" and an exact word still ranks its document first.
//
// Dated documents (posts, comments, topics) are kept in the order they were written, and
// a search ranks the newest of its matches first, in bands: it widens a band of the most
// recent documents until the band holds enough matches to rank (Bands), and the
// next page past a band goes on with older ones. So a word found in millions of documents
// costs what a few thousand matches cost (Xapian 1.4 would otherwise walk every one of them
// to rank them), and what it returns first is what people wrote lately. Undated documents
// (people) are kept in the order they were first put and banded the same way, side by side
// with the dated ones; communities are on every first page.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace agora::search {

struct Field {
  std::string text;
  int weight = 1;      // how much a word of this field counts (a title more than a body)
  bool name = false;   // also a name: found by typeahead (Query::names_only)
  bool spell = true;   // its words feed "did you mean" (not handles and other made-up words)
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
  std::int64_t created_at = 0;  // unix ms
  std::vector<std::string> tags = {};  // hashtags ("kubernetes"), found by tag:x
  // Searched newest first, in bands of time. Undated documents (people) are searched in
  // bands of their own, the newest first; `always` ones (communities, which are few) are in
  // every first page, whatever their age.
  bool dated = true;
  bool always = false;
};


// A band of the index: dated documents by their place (bottom <= place < top), undated ones
// by theirs (undated_bottom <= place < undated_top), and whether the documents found on
// every first page (Document::always) are in it. top 0: the newest band, as wide as it
// needs to be (the search decides and says in Results::next).
struct Band {
  std::uint64_t top = 0;
  std::uint64_t bottom = 0;
  std::uint64_t undated_top = 0;
  std::uint64_t undated_bottom = 0;
  bool first = true;
};

struct Query {
  std::string text;
  std::vector<std::string> languages;  // the reader's, to stem the query in each
  std::vector<std::string> reader;     // the audience terms the reader holds
  std::vector<std::string> excluded;   // audience terms that take a document away (a ban)
  std::vector<std::string> kinds;      // only these kinds; empty: all
  std::int64_t author = 0;             // only by this person; 0: anyone
  std::vector<std::int64_t> authors;   // only by one of these people; empty: anyone
  bool best_of_each_author = false;    // only each author's best match (Xapian's collapse)
  // One band of every document, not the newest first: for filters few documents pass (a
  // few people's posts), whose matches are cheap to rank wherever they are.
  bool whole_index = false;
  std::int64_t container = 0;          // only in this community; 0: anywhere
  std::vector<std::string> tags;       // only documents with every one of these hashtags
  std::vector<std::string> languages_only;  // only documents written in one of these
  std::int64_t after = 0;              // created at or after (unix ms); 0: no bound
  std::int64_t before = 0;             // created before; 0: no bound
  bool newest_first = false;           // by date instead of relevance
  bool names_only = false;             // match names only (typeahead: "an*" expands over names, not all words)
  int offset = 0;
  int limit = 20;
  Band band;  // of this page: the newest, or Results::next of the page before
  // Also count the matches of each of these kinds (the facets), within the same filters
  // but for the kinds one, and the most frequent authors, communities and languages of the
  // matches (Results::authors, containers, languages): exactly, in the bands this page
  // searched (Results::counted_all says whether that was everything).
  std::vector<std::string> count_kinds;
};

// One value of a facet and how many matches have it.
struct FacetValue {
  std::string value;
  std::uint64_t count = 0;
};

// A passage of a matching document around its matching words: text and whether it matched.
struct Snippet {
  std::string text;
  bool match = false;
};

struct Hit {
  std::string key;
  std::string kind;
  std::string language;
  double score = 0;
  std::vector<Snippet> snippet;  // when the caller gave the document's text
};

struct Results {
  std::vector<Hit> hits;
  // How many the reader may see match, by Xapian's estimate within the audience filter (so
  // it never counts what the reader may not read).
  std::uint64_t matches_estimated = 0;
  // Query::count_kinds, in the bands this page searched.
  std::map<std::string, std::uint64_t> kind_counts;
  // With count_kinds: the ten most frequent authors (ids), containers (ids) and languages
  // of the matches in the bands this page searched, most first.
  std::vector<FacetValue> authors, containers, languages;
  // Where the next page begins (Query::band and offset): in this page's band, or in the
  // band of older documents after its last. None: this page is the last.
  struct Next {
    Band band;
    int offset = 0;
  };
  std::optional<Next> next;
  // The first page's bands reached the oldest document: the counts are of every match (else
  // of those in the bands searched, newest first: at least so many).
  bool counted_all = false;
  // The query with misspelt words corrected, when it finds nothing and the corrected one
  // finds something the reader may read.
  std::optional<std::string> suggestion;
};

// The texts of a page's hits, to cut their snippets from, in one call (so that the caller
// reads them together): each hit's, or nullopt when the reader may not read it after all
// (the page is checked again against the audience rule: the hit is dropped).
using TextsOf = std::function<std::vector<std::optional<std::string>>(const std::vector<Hit>&)>;

// The languages stemmed here: Snowball's, and Bulgarian by our light stemmer (bulgarian.h).
bool HasStemmer(const std::string& language);

// How a search widens its band of recent documents.
struct Bands {
  // Places in the first band at least (it is as wide as the words' frequency says enough
  // matches take); each widening at least doubles it.
  std::uint64_t first_width = 4096;
  std::uint64_t enough = 500;          // matches a band must hold to be ranked rather than widened
  std::uint64_t max_width = 1u << 20;  // but no wider than this
  // A page stops going on into older bands once it searched this many places (the next
  // page goes on from there): a search that finds little costs a bounded walk, not all.
  std::uint64_t per_page = 1u << 21;
};

class Index {
 public:
  // A database in `directory` (created when missing); empty: in memory (tests).
  explicit Index(const std::string& directory = {}, Bands bands = {});
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  void Put(const Document& doc);  // adds or replaces by key
  void Remove(const std::string& key);
  void Commit();
  std::uint64_t size() const;
  // A rebuild's mark: every document Put from now on carries it, and RemoveOlder deletes
  // those that do not (what the database no longer has once a rebuild walked it all).
  void SetGeneration(const std::string& generation);
  std::uint64_t RemoveOlder();
  // Values kept with the index (its format, the last rebuild), saved by the next Commit.
  std::string Metadata(const std::string& key) const;
  void SetMetadata(const std::string& key, const std::string& value);
  // The query language is Xapian's: "a phrase", -word, OR, prefix*; any other text is words.
  // With `texts_of`, each hit is checked once more and given a snippet.
  Results Search(const Query& query, const TextsOf& texts_of = {}) const;
  // Hashtags starting with `prefix` (in any case) that are on some document a reader holding
  // `reader` (and none of `excluded`) finds: at most `limit`, in alphabetical order. `broad`:
  // the reader's terms most documents carry, tried first (the check is then of two posting
  // lists, not of all the reader's).
  std::vector<std::string> TagsStartingWith(const std::string& prefix, const std::vector<std::string>& reader,
                                            const std::vector<std::string>& excluded, int limit,
                                            const std::vector<std::string>& broad = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora::search
