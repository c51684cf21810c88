#include "search/index.h"

#include "search/bulgarian.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <map>
#include <mutex>

namespace agora::search {
namespace {

// Xapian's term prefixes (one capital letter for boolean terms, by its conventions).
constexpr const char* kKeyPrefix = "Q";
constexpr const char* kKindPrefix = "K";
constexpr const char* kAuthorPrefix = "A";
constexpr const char* kContainerPrefix = "C";
constexpr const char* kAudiencePrefix = "R";
constexpr const char* kTagPrefix = "T";
constexpr const char* kLanguagePrefix = "L";
constexpr const char* kGenerationPrefix = "G";
constexpr const char* kNamePrefix = "XN";  // the words of names (people, communities), unstemmed
constexpr const char* kAlwaysTerm = "XALWAYS";  // on every first page (Document::always)
constexpr const char* kGenerationKey = "agora_generation";
constexpr const char* kNextUndatedKey = "agora_next_undated";
constexpr Xapian::valueno kCreatedSlot = 0;
// Counted for the facets (by walking their value streams): the kind, the author's and the
// container's ids, the language.
constexpr Xapian::valueno kKindSlot = 1;
constexpr Xapian::valueno kAuthorSlot = 2;
constexpr Xapian::valueno kContainerSlot = 3;
constexpr Xapian::valueno kLanguageSlot = 4;
constexpr Xapian::doccount kTopValues = 10;
// How many matches of a band the facets count before they say "at least".
constexpr Xapian::doccount kCounted = 1000;

// Bulgarian has no Snowball stemmer: ours (bulgarian.h), as a Xapian stemmer.
class BulgarianStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return StemBulgarian(word); }
  std::string get_description() const override { return "bulgarian (light, Savoy)"; }
};

// Agora's languages and Snowball's names for them.
const std::map<std::string, std::string>& Stemmers() {
  static const std::map<std::string, std::string> kAll = {
      {"en", "english"}, {"sv", "swedish"}, {"nb", "norwegian"}, {"ru", "russian"},
      {"de", "german"},  {"fr", "french"},  {"es", "spanish"}};
  return kAll;
}

Xapian::Stem StemmerFor(const std::string& language) {
  if (language == "bg") return Xapian::Stem(new BulgarianStem);  // reference-counted by Xapian::Stem
  auto it = Stemmers().find(language);
  return it == Stemmers().end() ? Xapian::Stem() : Xapian::Stem(it->second);
}

std::string Id(std::int64_t id) { return std::to_string(id); }

Xapian::Query AnyOf(const char* prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> terms;
  terms.reserve(values.size());
  for (const auto& v : values) terms.emplace_back(prefix + v);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Where documents go (their docids). Undated ones (people, communities) take the places
// below kFirstDated, one after another; dated ones the places above, in the order they are
// first put, which is the order they were written (a rebuild puts them oldest first). So a
// band of places is a band of time, and a Xapian match, which walks its posting lists in
// docid order, can be kept to one by a filter (BandFilter) that skips the rest.
// (An index in memory keeps a vector as long as its last docid: tests get a low start.)
constexpr Xapian::docid kFirstDated = 1u << 26;
constexpr Xapian::docid kFirstDatedInMemory = 1u << 12;

// Notes the docid of each match it is shown (and nothing else: reading a document's values
// or data here would fetch it).
class DocidSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override { docids.push_back(doc.get_docid()); }
  std::vector<Xapian::docid> docids;
};

// A filter that lets through the docids of some ranges, and skips to the next range at once:
// documents outside the searched band cost nothing.
class BandFilter : public Xapian::PostingSource {
 public:
  using Ranges = std::vector<std::pair<Xapian::docid, Xapian::docid>>;  // [first, last], in order
  BandFilter(Ranges ranges, Xapian::doccount documents) : ranges_(std::move(ranges)), documents_(documents) {}
  BandFilter* clone() const override { return new BandFilter(ranges_, documents_); }
  void init(const Xapian::Database&) override {
    range_ = 0;
    docid_ = 0;
  }
  // Estimates for the match's own (a band holds fewer documents than places: some were deleted).
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return std::min(Places(), documents_); }
  Xapian::doccount get_termfreq_max() const override { return std::min(Places(), documents_); }
  void next(double) override { skip_to(docid_ + 1, 0); }
  void skip_to(Xapian::docid did, double) override {
    did = std::max(did, docid_);
    while (range_ < ranges_.size() && did > ranges_[range_].second) ++range_;
    docid_ = range_ < ranges_.size() ? std::max(did, ranges_[range_].first) : did;
  }
  bool at_end() const override { return range_ >= ranges_.size(); }
  Xapian::docid get_docid() const override { return docid_; }
  std::string get_description() const override { return "BandFilter"; }

 private:
  Xapian::doccount Places() const {
    Xapian::doccount n = 0;
    for (const auto& [first, last] : ranges_) n += last - first + 1;
    return n;
  }
  Ranges ranges_;
  Xapian::doccount documents_;
  size_t range_ = 0;
  Xapian::docid docid_ = 0;
};


// Escaped HTML back to text: MSet::snippet escapes what it returns; the API sends text.
std::string Unescape(std::string_view s) {
  static const std::pair<std::string_view, char> kEntities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&')
      for (const auto& [entity, c] : kEntities)
        if (s.substr(i, entity.size()) == entity) {
          out += c;
          i += entity.size();
          replaced = true;
          break;
        }
    if (!replaced) out += s[i++];
  }
  return out;
}

// Xapian marks matches with these bytes, which no text of ours holds (core/text drops
// control characters); the passage is split at them.
constexpr char kMatchStart = '\x01';
constexpr char kMatchEnd = '\x02';

std::vector<Snippet> SplitSnippet(const std::string& marked) {
  std::vector<Snippet> parts;
  std::string current;
  bool match = false;
  auto flush = [&] {
    if (!current.empty()) parts.push_back({Unescape(current), match});
    current.clear();
  };
  for (char c : marked) {
    if (c == kMatchStart || c == kMatchEnd) {
      flush();
      match = c == kMatchStart;
    } else {
      current += c;
    }
  }
  flush();
  return parts;
}

// Adds the words of `text` that a person would type and could misspell to the spelling table:
// letters only (no numbers, handles' digits or URLs' parts), 3 to 24 of them, in lower case.
// Xapian keeps, for each fragment of a word, the list of words that have it: made-up words
// (every handle, every id) would make those lists huge, and slow every later addition.
void AddSpellings(Xapian::WritableDatabase& db, const std::string& text) {
  std::string word;
  int letters = 0;
  bool clean = true;
  auto flush = [&] {
    if (clean && letters >= 3 && letters <= 24) db.add_spelling(word);
    word.clear();
    letters = 0;
    clean = true;
  };
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      // A word with a digit or an underscore in it is not one people spell.
      if (Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER || ch == '_') clean = false;
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
      ++letters;
    } else if (ch == '\'' || ch == 0x2019) {
      clean = false;  // "don't": not a word of its own
    } else {
      flush();
    }
  }
  flush();
}

// The query in lower case but for its operators (OR, AND, NOT, XOR, NEAR): Xapian leaves a
// capitalised word unstemmed, taking it for a name, and in German every noun is one.
std::string LowerButOperators(const std::string& text) {
  std::string out;
  std::string word;
  auto flush = [&] {
    static const char* const kOperators[] = {"OR", "AND", "NOT", "XOR", "NEAR", "ADJ"};
    bool keep = false;
    for (const char* op : kOperators) keep = keep || word == op;
    if (keep) {
      out += word;
    } else {
      for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it)
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
    }
    word.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '"' || c == '(' || c == ')') {
      flush();
      out += c;
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

// Xapian's errors are not std::exceptions: the callers (the indexer's loop, the server's
// request handling) catch std::exception, so each is turned into one, with its description.
template <class F>
auto Guarded(F&& f) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("search index: " + e.get_description());
  }
}

// One database handle for one search at a time (Xapian's objects are not thread-safe); a
// reader is reopened when the index committed since it last looked.
struct Reader {
  Xapian::Database db;
  std::uint64_t generation = 0;
};

}  // namespace

bool HasStemmer(const std::string& language) { return language == "bg" || Stemmers().count(language) > 0; }

struct Index::Impl {
  std::string directory;
  mutable std::mutex write_mu;
  Xapian::WritableDatabase db;
  std::atomic<std::uint64_t> generation{0};  // commits, so that readers reopen
  std::string build;                         // the rebuild mark Put adds (kGenerationKey)
  const Xapian::docid first_dated;
  const Bands bands;
  Xapian::docid next_undated;                // kept with the index (kNextUndatedKey) at each commit
  mutable std::mutex pool_mu;
  mutable std::vector<std::unique_ptr<Reader>> pool;

  Impl(const std::string& dir, Bands b)
      : directory(dir),
        db(dir.empty() ? Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)
                       : Xapian::WritableDatabase(dir, Xapian::DB_CREATE_OR_OPEN)),
        build(db.get_metadata(kGenerationKey)),
        first_dated(dir.empty() ? kFirstDatedInMemory : kFirstDated),
        bands(b),
        next_undated(NextUndatedIn(db)) {}

  // The first place no undated document has yet, as `database`'s revision keeps it.
  static Xapian::docid NextUndatedIn(const Xapian::Database& database) {
    const std::string kept = database.get_metadata(kNextUndatedKey);
    return static_cast<Xapian::docid>(std::max(1UL, std::strtoul(kept.c_str(), nullptr, 10)));
  }

  // The place of a document: where it is already, else the next free one of its part.
  Xapian::docid PlaceOf(const std::string& key_term, bool dated) {
    if (auto it = db.postlist_begin(key_term); it != db.postlist_end(key_term)) return *it;
    if (dated) return std::max(db.get_lastdocid() + 1, first_dated);
    if (next_undated >= first_dated)
      throw std::runtime_error("search index: no place left for people and communities; run agora reindex");
    return next_undated++;
  }

  // Runs f(database) on a reader of its own: searches run side by side, and beside the
  // indexer's writes (they see what it committed). An index in memory has one handle.
  template <class F>
  auto WithReader(F&& f) const {
    if (directory.empty()) {
      std::lock_guard lock(write_mu);
      return f(static_cast<const Xapian::Database&>(db));
    }
    std::unique_ptr<Reader> r;
    {
      std::lock_guard lock(pool_mu);
      if (!pool.empty()) {
        r = std::move(pool.back());
        pool.pop_back();
      }
    }
    const std::uint64_t now = generation.load();
    if (!r) r = std::make_unique<Reader>(Reader{Xapian::Database(directory), now});
    if (r->generation != now) {
      r->db.reopen();
      r->generation = now;
    }
    auto result = [&] {
      for (int attempt = 1;; ++attempt) {
        try {
          return f(static_cast<const Xapian::Database&>(r->db));
        } catch (const Xapian::DatabaseModifiedError&) {
          // The revision it read was overwritten meanwhile (two commits during one search:
          // the indexer commits each batch, and under load batches come close together).
          if (attempt == 5) throw;
          r->db.reopen();
        }
      }
    }();
    std::lock_guard lock(pool_mu);
    pool.push_back(std::move(r));
    return result;
  }

  // The text part of a query, stemmed for each of the reader's languages (a word may be
  // in any of them), matched against stems and, for quoted or exact words, the words as
  // written.
  static Xapian::Query Parse(const Xapian::Database& db, const Query& q) {
    if (q.names_only) {
      // Names are not stemmed; "an*" expands over the words of names only.
      Xapian::QueryParser parser;
      parser.set_database(db);
      parser.set_default_op(Xapian::Query::OP_AND);
      parser.set_max_expansion(50, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      return parser.parse_query(LowerButOperators(q.text), Xapian::QueryParser::FLAG_WILDCARD, kNamePrefix);
    }
    // "" (no stemmer) too: the words as written always match, in any language.
    std::vector<std::string> languages = q.languages;
    languages.emplace_back();
    std::sort(languages.begin(), languages.end());
    languages.erase(std::unique(languages.begin(), languages.end()), languages.end());
    std::vector<Xapian::Query> parsed;
    for (const auto& language : languages) {
      Xapian::QueryParser parser;
      parser.set_database(db);  // for prefix search ("kube*")
      parser.set_stemmer(StemmerFor(language));
      parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
      parser.set_default_op(Xapian::Query::OP_AND);
      // "a*" over 400,000 names: the 50 most frequent words it could be.
      parser.set_max_expansion(50, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      // (Xapian reads any text: what does not parse as the query language is taken as words.)
      parsed.push_back(parser.parse_query(
          LowerButOperators(q.text), Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT));
    }
    return parsed.size() == 1 ? parsed.front() : Xapian::Query(Xapian::Query::OP_OR, parsed.begin(), parsed.end());
  }

  // A filter to `band`'s documents.
  Xapian::Query InBand(const Xapian::Database& db, const Xapian::Query& query, const Band& band) const {
    BandFilter::Ranges ranges;
    if (band.undated_bottom < band.undated_top)
      ranges.emplace_back(static_cast<Xapian::docid>(band.undated_bottom), static_cast<Xapian::docid>(band.undated_top - 1));
    if (band.bottom < band.top) ranges.emplace_back(static_cast<Xapian::docid>(band.bottom), static_cast<Xapian::docid>(band.top - 1));
    Xapian::Query in((new BandFilter(std::move(ranges), db.get_doccount()))->release());
    // The documents of every first page there, and only there (their places are in the
    // undated bands too: a later band leaves them out, or paging would show them twice).
    if (band.first) return Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_OR, in, Xapian::Query(kAlwaysTerm)));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_FILTER, query, in), Xapian::Query(kAlwaysTerm));
  }

  // The first place no undated document has yet, as the reader's revision knows it.
  Xapian::docid UndatedTop(const Xapian::Database& db) const {
    return directory.empty() ? next_undated : NextUndatedIn(db);  // in memory: the one handle, uncommitted
  }

  // How wide a band to be decided is first: its dated part and its undated part.
  struct Widths {
    Xapian::docid dated = 0;
    Xapian::docid undated = 0;
  };

  // The page [offset, offset + size) of `query` within `band`, ranked as `enquire` says.
  // A band to be decided (bottom 0) is widened from its tops until it holds bands.enough
  // matches, is bands.max_width wide or reaches the oldest document; `band` is then the one
  // searched. Each try opens every posting list of the query again (the reader's audience
  // terms are most of them), so the widths are guessed rather than merely doubled: the dated
  // part as wide as `density` (the share of all documents the words match, by Xapian's
  // estimate) says enough matches take, the undated part (people, where a common expertise
  // can be a third of them) `widths.undated` first; then each part is widened on its own, by
  // the matches a try found in it (all of them: a short try walks its whole band), to where
  // the missing matches should be, and at least doubled (the newest documents are not always
  // like the older ones, and a band that leaps too far ranks far too many). `spy` notes the
  // matches of the band searched.
  Xapian::MSet RankIn(const Xapian::Database& db, Xapian::Enquire& enquire, const Xapian::Query& query, Band& band,
                      int offset, int size, Widths widths, double density, Xapian::doccount check,
                      DocidSpy& spy) const {
    const Xapian::docid top = band.top ? static_cast<Xapian::docid>(band.top) : std::max(db.get_lastdocid() + 1, first_dated);
    const Xapian::docid undated_top = band.top ? static_cast<Xapian::docid>(band.undated_top) : UndatedTop(db);
    const bool decide = band.bottom == 0;
    const auto first = static_cast<Xapian::doccount>(offset);
    const auto wanted = static_cast<Xapian::doccount>(size);
    const auto enough = static_cast<Xapian::doccount>(bands.enough);
    const auto widest = static_cast<Xapian::docid>(std::min<std::uint64_t>(bands.max_width, 1u << 30));
    // Places that should hold `matches` at `share` of them (half again as many, for the error).
    auto places_for = [](double matches, double share) {
      return static_cast<std::uint64_t>(std::min(1e9, matches * 1.5 / std::max(share, 1e-9)));
    };
    auto clamp = [&](std::uint64_t w) { return static_cast<Xapian::docid>(std::clamp<std::uint64_t>(w, 1, widest)); };
    // (At most 4 times the floor at first: Xapian's estimate of a phrase or of words that
    // go together is far below what matches, and a band too wide ranks thousands.)
    Xapian::docid width = clamp(std::clamp<std::uint64_t>(places_for(enough, density), widths.dated, std::uint64_t{widths.dated} * 4));
    Xapian::docid undated_width = clamp(widths.undated);
    enquire.clear_matchspies();
    enquire.add_matchspy(&spy);
    for (;;) {
      Band tried{top, static_cast<Xapian::docid>(band.bottom), undated_top, static_cast<Xapian::docid>(band.undated_bottom), band.first};
      if (decide) {
        tried.bottom = top > first_dated + width ? top - width : first_dated;
        tried.undated_bottom = undated_top > 1 + undated_width ? undated_top - undated_width : std::min<Xapian::docid>(1, undated_top);
      }
      enquire.set_query(InBand(db, query, tried));
      spy.docids.clear();
      Xapian::MSet mset = enquire.get_mset(first, wanted, std::max({first + wanted + 1, enough, check}));
      // A part is as wide as it gets at the oldest document or at bands.max_width.
      const bool dated_done = tried.bottom <= first_dated || width >= widest;
      const bool undated_done = tried.undated_bottom <= 1 || undated_width >= widest;
      const Xapian::doccount found = mset.get_matches_lower_bound();
      if (!decide || (dated_done && undated_done) || found >= enough) {
        band = tried;
        enquire.clear_matchspies();
        return mset;
      }
      const auto undated_found = static_cast<double>(
          std::count_if(spy.docids.begin(), spy.docids.end(), [&](Xapian::docid d) { return d < first_dated; }));
      const double dated_found = static_cast<double>(spy.docids.size()) - undated_found;
      const double missing = static_cast<double>(enough - found);
      auto wider = [&](Xapian::docid w, double found_in_it) {
        const double share = found_in_it > 0 ? found_in_it / w : density;
        return clamp(std::max<std::uint64_t>(std::uint64_t{w} * 2, w + places_for(missing, share)));
      };
      if (!dated_done) width = wider(width, dated_found);
      if (!undated_done) undated_width = wider(undated_width, undated_found);
    }
  }

  // Everything but the kinds: what the reader may read, narrowed by the filters. Without
  // `audience`: what anyone may read (to estimate how many documents match, cheaply).
  static Xapian::Query Filtered(const Xapian::Database& db, const Query& q, bool audience = true) {
    Xapian::Query query = q.text.empty() ? Xapian::Query::MatchAll : Parse(db, q);
    if (audience) {
      // Only what the reader may read: a reader with no audience terms sees nothing.
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, AnyOf(kAudiencePrefix, q.reader));
      if (!q.excluded.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, AnyOf(kAudiencePrefix, q.excluded));
    }
    if (q.author) query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(kAuthorPrefix + Id(q.author)));
    if (!q.authors.empty()) {
      std::vector<std::string> ids;
      for (auto id : q.authors) ids.push_back(Id(id));
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, AnyOf(kAuthorPrefix, ids));
    }
    if (q.container)
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(kContainerPrefix + Id(q.container)));
    for (const auto& tag : q.tags) query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(kTagPrefix + tag));
    if (!q.languages_only.empty())
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, AnyOf(kLanguagePrefix, q.languages_only));
    if (q.after || q.before) {
      const std::string low = Xapian::sortable_serialise(static_cast<double>(q.after));
      const std::string high = Xapian::sortable_serialise(static_cast<double>(q.before ? q.before - 1 : INT64_MAX));
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kCreatedSlot, low, high));
    }
    return query;
  }
};

Index::Index(const std::string& directory, Bands bands)
    : impl_(Guarded([&] { return std::make_unique<Impl>(directory, bands); })) {}
Index::~Index() = default;

void Index::Put(const Document& d) {
  return Guarded([&] {
  Xapian::Document doc;
  Xapian::TermGenerator terms;
  terms.set_document(doc);
  terms.set_stemmer(StemmerFor(d.language));
  terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);  // stems ("Z…") and words as written
  std::lock_guard lock(impl_->write_mu);
  // The words of most fields also go to the spelling table ("did you mean"): a correction is
  // offered to a reader only when it finds something they may read (Search), so the table
  // may hold words of everything. (An index in memory, for tests, has none.)
  if (!impl_->directory.empty())
    for (const auto& f : d.fields)
      if (f.spell) AddSpellings(impl_->db, f.text);
  for (const auto& f : d.fields) {
    terms.index_text(f.text, static_cast<Xapian::termcount>(std::max(1, f.weight)));
    if (f.name) terms.index_text_without_positions(f.text, 1, kNamePrefix);
    terms.increase_termpos();  // no phrase across two fields
  }
  const std::string key_term = kKeyPrefix + d.key;
  doc.add_boolean_term(key_term);
  doc.add_boolean_term(kKindPrefix + d.kind);
  for (const auto& a : d.audience) doc.add_boolean_term(kAudiencePrefix + a);
  for (const auto& t : d.tags) doc.add_boolean_term(kTagPrefix + t);
  if (!d.language.empty()) doc.add_boolean_term(kLanguagePrefix + d.language);
  if (d.author) doc.add_boolean_term(kAuthorPrefix + Id(d.author));
  if (d.container) doc.add_boolean_term(kContainerPrefix + Id(d.container));
  doc.add_value(kCreatedSlot, Xapian::sortable_serialise(static_cast<double>(d.created_at)));
  doc.add_value(kKindSlot, d.kind);
  if (d.author) doc.add_value(kAuthorSlot, Id(d.author));
  if (d.container) doc.add_value(kContainerSlot, Id(d.container));
  if (!d.language.empty()) doc.add_value(kLanguageSlot, d.language);
  if (!impl_->build.empty()) doc.add_boolean_term(kGenerationPrefix + impl_->build);
  if (d.always) doc.add_boolean_term(kAlwaysTerm);
  doc.set_data(d.key + "\n" + d.kind + "\n" + d.language);
  impl_->db.replace_document(impl_->PlaceOf(key_term, d.dated), doc);
  });
}

void Index::Remove(const std::string& key) {
  return Guarded([&] {
  std::lock_guard lock(impl_->write_mu);
  impl_->db.delete_document(kKeyPrefix + key);
  });
}

void Index::Commit() {
  return Guarded([&] {
  std::lock_guard lock(impl_->write_mu);
  impl_->db.set_metadata(kNextUndatedKey, std::to_string(impl_->next_undated));
  impl_->db.commit();
  ++impl_->generation;
  });
}

std::uint64_t Index::size() const {
  return Guarded([&] {
  std::lock_guard lock(impl_->write_mu);
  return impl_->db.get_doccount();
  });
}

void Index::SetGeneration(const std::string& generation) {
  return Guarded([&] {
    std::lock_guard lock(impl_->write_mu);
    impl_->build = generation;
    impl_->db.set_metadata(kGenerationKey, generation);
  });
}

std::uint64_t Index::RemoveOlder() {
  return Guarded([&] {
    std::lock_guard lock(impl_->write_mu);
    if (impl_->build.empty()) return std::uint64_t{0};
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                                    Xapian::Query(kGenerationPrefix + impl_->build)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::vector<Xapian::docid> old;
    Xapian::MSet mset = enquire.get_mset(0, impl_->db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) old.push_back(*it);
    for (auto id : old) impl_->db.delete_document(id);
    return static_cast<std::uint64_t>(old.size());
  });
}

std::string Index::Metadata(const std::string& key) const {
  return Guarded([&] {
  std::lock_guard lock(impl_->write_mu);
  return impl_->db.get_metadata(key);
  });
}

void Index::SetMetadata(const std::string& key, const std::string& value) {
  return Guarded([&] {
  std::lock_guard lock(impl_->write_mu);
  impl_->db.set_metadata(key, value);
  });
}

Results Index::Search(const Query& q, const TextsOf& text_of) const {
  return Guarded([&] {
  return impl_->WithReader([&](const Xapian::Database& db) {
    const Xapian::Query filtered = Impl::Filtered(db, q);
    Xapian::Query query = filtered;
    if (!q.kinds.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, AnyOf(kKindPrefix, q.kinds));
    Xapian::Enquire enquire(db);
    if (q.newest_first) enquire.set_sort_by_value_then_relevance(kCreatedSlot, true);
    if (q.best_of_each_author) enquire.set_collapse_key(kAuthorSlot);
    Results out;
    int offset = std::max(0, q.offset);
    int wanted = std::clamp(q.limit, 0, 1000);
    Band band = q.band;
    if (q.whole_index && band.top == 0)
      band = Band{std::max(db.get_lastdocid() + 1, impl_->first_dated), impl_->first_dated, impl_->UndatedTop(db), 1, true};
    // The facets, when asked: counted among the matches of the bands searched, at least
    // kCounted of each (the ranking's match spy notes them). Exact, or "at least".
    const bool counting = !q.count_kinds.empty();
    bool complete = true;
    std::map<std::string, std::uint64_t> authors, containers, languages;
    using Slots = std::initializer_list<std::pair<Xapian::valueno, std::map<std::string, std::uint64_t>*>>;
    // The matches noted are put in docid order, and each slot's values read by walking its
    // value stream alongside: reading each document's values on their own would be a B-tree
    // lookup and a read each (most of a search's time, measured).
    auto count = [&](std::vector<Xapian::docid>& docids, const Xapian::MSet& m, Slots slots) {
      if (m.get_matches_upper_bound() > docids.size()) complete = false;
      std::sort(docids.begin(), docids.end());
      for (const auto& [slot, into] : slots) {
        Xapian::ValueIterator v = db.valuestream_begin(slot);
        for (Xapian::docid did : docids) {
          if (v == db.valuestream_end(slot)) break;
          v.skip_to(did);
          if (v != db.valuestream_end(slot) && v.get_docid() == did) ++(*into)[*v];
        }
      }
    };
    // The kinds facet is within every filter but the kinds one: with kinds asked for, a
    // match of its own (unranked) counts them.
    auto count_kinds_in = [&](const Band& part) {
      Xapian::Enquire counter(db);
      counter.set_query(impl_->InBand(db, filtered, part));
      counter.set_weighting_scheme(Xapian::BoolWeight());
      DocidSpy seen;
      counter.add_matchspy(&seen);
      const Xapian::MSet m = counter.get_mset(0, 0, kCounted);
      count(seen.docids, m, {{kKindSlot, &out.kind_counts}});
    };
    for (const auto& kind : q.count_kinds) out.kind_counts[kind] = 0;
    // How many documents the words match, of all (what anyone may read, by Xapian's estimate
    // from the words' frequencies, which costs no walk): what decides how wide a band is.
    // None at all: nothing to search.
    Xapian::Enquire estimator(db);
    estimator.set_query(q.kinds.empty() ? Impl::Filtered(db, q, false)
                                        : Xapian::Query(Xapian::Query::OP_FILTER, Impl::Filtered(db, q, false), AnyOf(kKindPrefix, q.kinds)));
    const Xapian::MSet estimate = estimator.get_mset(0, 0);
    const double density = static_cast<double>(estimate.get_matches_estimated()) / std::max<Xapian::doccount>(1, db.get_doccount());
    const bool none = estimate.get_matches_upper_bound() == 0;
    // A page from its band, and when the band runs out before the page is full, from the
    // bands of older documents after it, until bands.per_page places were searched.
    std::uint64_t places = 0;
    const auto floor = static_cast<Xapian::docid>(std::min<std::uint64_t>(impl_->bands.first_width, 1u << 30));
    Impl::Widths widths{floor, floor};
    DocidSpy spy;
    while (!none) {
      Xapian::MSet mset = impl_->RankIn(db, enquire, query, band, offset, wanted, widths, density,
                                        counting ? kCounted : 0, spy);
      places += (band.top - band.bottom) + (band.undated_top - band.undated_bottom);
      // An older band starts as wide as this one.
      widths = {static_cast<Xapian::docid>(band.top - band.bottom), static_cast<Xapian::docid>(band.undated_top - band.undated_bottom)};
      out.matches_estimated += mset.get_matches_estimated();
      if (counting) {
        if (q.kinds.empty()) {
          count(spy.docids, mset, {{kKindSlot, &out.kind_counts}, {kAuthorSlot, &authors}, {kContainerSlot, &containers}, {kLanguageSlot, &languages}});
        } else {
          count(spy.docids, mset, {{kAuthorSlot, &authors}, {kContainerSlot, &containers}, {kLanguageSlot, &languages}});
          count_kinds_in(band);
        }
      }
      std::vector<Hit> page;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const std::string data = it.get_document().get_data();
        Hit hit;
        const auto a = data.find('\n');
        const auto b = a == std::string::npos ? a : data.find('\n', a + 1);
        hit.key = data.substr(0, a);
        if (a != std::string::npos) hit.kind = data.substr(a + 1, b == std::string::npos ? b : b - a - 1);
        if (b != std::string::npos) hit.language = data.substr(b + 1);
        hit.score = it.get_weight();
        page.push_back(std::move(hit));
      }
      std::vector<std::optional<std::string>> texts;
      if (text_of && !page.empty()) texts = text_of(page);
      for (size_t i = 0; i < page.size(); ++i) {
        Hit& hit = page[i];
        if (text_of) {
          if (i >= texts.size() || !texts[i]) continue;
          const std::string& text = *texts[i];
          if (!text.empty())
            hit.snippet = SplitSnippet(mset.snippet(text, 240, StemmerFor(hit.language), Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                    std::string(1, kMatchStart), std::string(1, kMatchEnd), "…"));
        }
        out.hits.push_back(std::move(hit));
      }
      // (A hit dropped by the check above still counts as shown: the next page starts after it.)
      wanted -= static_cast<int>(mset.size());
      if (mset.get_matches_lower_bound() > static_cast<Xapian::doccount>(offset) + mset.size()) {
        out.next = Results::Next{band, offset + static_cast<int>(mset.size())};
        break;
      }
      if (band.bottom <= impl_->first_dated && band.undated_bottom <= 1) break;  // the oldest band: nothing after it
      const Band older{band.bottom, 0, band.undated_bottom, 0, false};
      if (wanted <= 0 || places >= impl_->bands.per_page) {
        out.next = Results::Next{older, 0};
        break;
      }
      band = older;
      offset = 0;
    }
    out.counted_all = none || (complete && q.band.top == 0 && band.bottom <= impl_->first_dated && band.undated_bottom <= 1);
    auto top = [](const std::map<std::string, std::uint64_t>& counts, std::vector<FacetValue>& into) {
      for (const auto& [value, n] : counts) into.push_back({value, n});
      std::sort(into.begin(), into.end(), [](const auto& a, const auto& b) { return a.count != b.count ? a.count > b.count : a.value < b.value; });
      if (into.size() > kTopValues) into.resize(kTopValues);
    };
    top(authors, out.authors);
    top(containers, out.containers);
    top(languages, out.languages);
    // "Did you mean": when nothing matches, the query with its words corrected from the
    // spelling table, if that finds something this reader may read.
    if (out.hits.empty() && q.offset == 0 && q.band.top == 0 && !q.text.empty()) {
      Xapian::QueryParser parser;
      parser.set_database(db);
      parser.set_default_op(Xapian::Query::OP_AND);
      parser.parse_query(LowerButOperators(q.text), Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
      const std::string corrected = parser.get_corrected_query_string();
      if (!corrected.empty()) {
        Query again = q;
        again.text = corrected;
        Xapian::Enquire check(db);
        Xapian::Query found = Impl::Filtered(db, again);
        if (!q.kinds.empty()) found = Xapian::Query(Xapian::Query::OP_FILTER, found, AnyOf(kKindPrefix, q.kinds));
        check.set_query(found);
        check.set_weighting_scheme(Xapian::BoolWeight());
        if (!check.get_mset(0, 1).empty()) out.suggestion = corrected;
      }
    }
    return out;
  });
  });
}

std::vector<std::string> Index::TagsStartingWith(const std::string& prefix, const std::vector<std::string>& reader,
                                                 const std::vector<std::string>& excluded, int limit,
                                                 const std::vector<std::string>& broad) const {
  return Guarded([&] {
  return impl_->WithReader([&](const Xapian::Database& db) {
    std::vector<std::string> out;
    std::string lower;  // hashtags are kept in lower case
    for (Xapian::Utf8Iterator it(prefix); it != Xapian::Utf8Iterator(); ++it)
      Xapian::Unicode::append_utf8(lower, Xapian::Unicode::tolower(*it));
    const std::string start = kTagPrefix + lower;
    auto found = [&](const std::string& term, const std::vector<std::string>& terms) {
      Xapian::Query query(Xapian::Query::OP_FILTER, Xapian::Query(term), AnyOf(kAudiencePrefix, terms));
      if (!excluded.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, AnyOf(kAudiencePrefix, excluded));
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      return enquire.get_mset(0, 1).size() > 0;
    };
    int looked = 0;
    for (auto it = db.allterms_begin(start); it != db.allterms_end(start) && static_cast<int>(out.size()) < limit && looked < 200;
         ++it, ++looked) {
      const std::string term = *it;
      // Most tags are on something everyone reads: the broad terms first.
      if ((!broad.empty() && found(term, broad)) || (broad.size() < reader.size() && found(term, reader)))
        out.push_back(term.substr(1));
    }
    return out;
  });
  });
}

}  // namespace agora::search
