#include "search/index.h"

#include "search/bulgarian.h"

#include <xapian.h>

#include <algorithm>
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
constexpr Xapian::valueno kCreatedSlot = 0;

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

}  // namespace

bool HasStemmer(const std::string& language) { return language == "bg" || Stemmers().count(language) > 0; }

struct Index::Impl {
  mutable std::mutex mu;  // Xapian's database objects are not thread-safe
  Xapian::WritableDatabase db;

  explicit Impl(const std::string& directory)
      : db(directory.empty() ? Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)
                             : Xapian::WritableDatabase(directory, Xapian::DB_CREATE_OR_OPEN)) {}

  // The text part of a query, stemmed for each of the reader's languages (a word may be
  // in any of them), matched against stems and, for quoted or exact words, the words as
  // written.
  Xapian::Query Parse(const Query& q) const {
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
      // (Xapian reads any text: what does not parse as the query language is taken as words.)
      parsed.push_back(parser.parse_query(
          q.text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT));
    }
    return parsed.size() == 1 ? parsed.front() : Xapian::Query(Xapian::Query::OP_OR, parsed.begin(), parsed.end());
  }
};

Index::Index(const std::string& directory) : impl_(std::make_unique<Impl>(directory)) {}
Index::~Index() = default;

void Index::Put(const Document& d) {
  Xapian::Document doc;
  Xapian::TermGenerator terms;
  terms.set_document(doc);
  terms.set_stemmer(StemmerFor(d.language));
  terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);  // stems ("Z…") and words as written
  for (const auto& f : d.fields) {
    terms.index_text(f.text, static_cast<Xapian::termcount>(std::max(1, f.weight)));
    terms.increase_termpos();  // no phrase across two fields
  }
  const std::string key_term = kKeyPrefix + d.key;
  doc.add_boolean_term(key_term);
  doc.add_boolean_term(kKindPrefix + d.kind);
  for (const auto& a : d.audience) doc.add_boolean_term(kAudiencePrefix + a);
  if (d.author) doc.add_boolean_term(kAuthorPrefix + Id(d.author));
  if (d.container) doc.add_boolean_term(kContainerPrefix + Id(d.container));
  doc.add_value(kCreatedSlot, Xapian::sortable_serialise(static_cast<double>(d.created_at)));
  doc.set_data(d.key + "\n" + d.kind);
  std::lock_guard lock(impl_->mu);
  impl_->db.replace_document(key_term, doc);
}

void Index::Remove(const std::string& key) {
  std::lock_guard lock(impl_->mu);
  impl_->db.delete_document(kKeyPrefix + key);
}

void Index::Commit() {
  std::lock_guard lock(impl_->mu);
  impl_->db.commit();
}

std::uint64_t Index::size() const {
  std::lock_guard lock(impl_->mu);
  return impl_->db.get_doccount();
}

Results Index::Search(const Query& q) const {
  std::lock_guard lock(impl_->mu);
  Xapian::Query query = q.text.empty() ? Xapian::Query::MatchAll : impl_->Parse(q);
  // Only what the reader may read: a reader with no audience terms sees nothing.
  query = Xapian::Query(Xapian::Query::OP_FILTER, query, AnyOf(kAudiencePrefix, q.reader));
  if (!q.kinds.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, AnyOf(kKindPrefix, q.kinds));
  if (q.author) query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(kAuthorPrefix + Id(q.author)));
  if (q.container)
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(kContainerPrefix + Id(q.container)));
  if (q.after || q.before) {
    const std::string low = Xapian::sortable_serialise(static_cast<double>(q.after));
    const std::string high = Xapian::sortable_serialise(static_cast<double>(q.before ? q.before - 1 : INT64_MAX));
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kCreatedSlot, low, high));
  }
  Xapian::Enquire enquire(impl_->db);
  enquire.set_query(query);
  if (q.newest_first) enquire.set_sort_by_value_then_relevance(kCreatedSlot, true);
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(std::max(0, q.offset)),
                                       static_cast<Xapian::doccount>(std::clamp(q.limit, 0, 1000)));
  Results out;
  out.matches_estimated = mset.get_matches_estimated();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string data = it.get_document().get_data();
    const auto nl = data.find('\n');
    out.hits.push_back({data.substr(0, nl), nl == std::string::npos ? std::string() : data.substr(nl + 1), it.get_weight()});
  }
  return out;
}

}  // namespace agora::search
