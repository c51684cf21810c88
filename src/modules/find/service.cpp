#include "modules/find/service.h"

#include <algorithm>
#include <cstdio>

#include "core/cursor.h"
#include "core/name_words.h"
#include "core/text.h"
#include "modules/communities/store.h"
#include "modules/content/search_terms.h"
#include "modules/find/query_language.h"
#include "modules/people/store.h"

namespace agora::find {
namespace {

constexpr int kSuggestEach = 5;
constexpr int kExpertsFirst = 3;
constexpr size_t kReasonsFor = 5;  // people shown with a post of theirs that matches

// A person or community named in a filter, as its id: an id, else a handle. 0 when no one
// (or nothing the viewer may see) has it: the search then finds nothing, as it should.
Id PersonNamed(agora::store::Connection& c, const std::string& key) {
  if (auto id = ParseId(key)) return *id;
  return people::store::FindIdByHandle(c, key).value_or(0);
}

Id CommunityNamed(agora::store::Connection& c, const content::Viewer& viewer, const std::string& key) {
  auto found = communities::store::FindVisible(c, viewer, key);
  return found ? found->community.id : 0;
}

std::optional<CommunityRef> CommunityOf(agora::store::Connection& c, Id id) {
  auto q = c.Prepare("SELECT handle, name FROM communities WHERE id = ?1", id);
  if (!q.Next()) return std::nullopt;
  return CommunityRef{id, q.Text(0), q.Text(1)};
}

// The typed words as a typeahead query: every word whole but the last, which may be the
// start of one ("ana sv" -> ana sv*).
std::string AsPrefix(const std::string& typed) {
  std::string words;
  for (char c : typed) words += (c == '"' || c == '*' || c == '(' || c == ')' || c == ':') ? ' ' : c;
  while (!words.empty() && words.back() == ' ') words.pop_back();
  if (words.empty()) return words;
  return words + "*";
}

// The reader's whole query with its words part replaced by `corrected` (the filters they
// typed, such as from:@ana, stay): what "did you mean" offers to search instead.
std::string Restate(const std::string& typed, const std::string& words, const std::string& corrected) {
  const auto at = typed.find(words);
  if (words.empty() || at == std::string::npos) return corrected;
  return typed.substr(0, at) + corrected + typed.substr(at + words.size());
}

// The id in a document's key ("post:123" -> 123); 0 when it has none.
Id IdOfKey(const std::string& key) { return ParseId(key.substr(key.find(':') + 1)).value_or(0); }

// The viewer as the directory's caller: who they are and their role decide what it lists.
identity::Principal DirectoryReader(const content::Viewer& viewer) {
  identity::Principal who;
  who.user.id = viewer.id;
  who.user.role = viewer.role;
  return who;
}

// A band in a cursor: "top-bottom-undated_top-undated_bottom", "f" after it on a first band.
std::string EncodeBand(const search::Band& b) {
  return std::to_string(b.top) + "-" + std::to_string(b.bottom) + "-" + std::to_string(b.undated_top) + "-" +
         std::to_string(b.undated_bottom) + (b.first ? "f" : "");
}

std::optional<search::Band> DecodeBand(const std::string& text) {
  unsigned long long v[4] = {};
  char first = 0;
  const int n = std::sscanf(text.c_str(), "%llu-%llu-%llu-%llu%c", &v[0], &v[1], &v[2], &v[3], &first);
  if (n < 4 || (n == 5 && first != 'f')) return std::nullopt;
  for (auto x : v)
    if (x > UINT32_MAX) return std::nullopt;
  return search::Band{v[0], v[1], v[2], v[3], n == 5};
}

}  // namespace

SearchService::SearchService(agora::store::Database& db, const search::Index& index, const Kinds& kinds,
                             people::PeopleService* people)
    : db_(db), index_(index), kinds_(kinds), people_(people) {}

Result<Results> SearchService::Search(const content::Viewer& viewer, const SearchRequest& r) {
  auto parsed = ParseQuery(r.q);
  if (!parsed) return parsed.error();
  int offset = 0;
  search::Band band;
  if (!r.cursor.empty()) {
    // Results are ranked, not keyed: the cursor holds the band of time the page is in and
    // how many of its matches were shown before.
    auto cursor = DecodeCursor(r.cursor);
    if (!cursor) return cursor.error();
    auto decoded = DecodeBand(cursor->key);
    if (!decoded) return Error{ErrorCode::kMalformed, "cursor is not valid", "cursor", 0};
    band = *decoded;
    offset = static_cast<int>(std::clamp<std::int64_t>(cursor->id, 0, 10000));
  }
  // Three short reads, none held while the index matches (a match over a common word can
  // take a while, and a read held that long keeps SQLite's log from being checkpointed,
  // which holds writers back): the reader's terms and named filters, each result checked
  // and shown, the cards and communities of the results and facets.
  search::Query q;
  q.text = parsed->text;
  q.languages = r.reader_languages;
  q.kinds = r.kinds;
  for (const auto& k : parsed->kinds) q.kinds.push_back(k);
  q.tags = parsed->tags;
  q.languages_only = r.written_in;
  if (r.after) q.after = *r.after;
  if (parsed->after) q.after = *parsed->after;
  if (r.before) q.before = *r.before;
  if (parsed->before) q.before = *parsed->before;
  q.newest_first = r.newest_first;
  q.offset = offset;
  q.band = band;
  q.limit = r.limit;
  // The facets on the first page (the client keeps them while it pages).
  if (r.cursor.empty())
    for (const auto& [kind, _] : kinds_) q.count_kinds.push_back(kind);
  Results out;
  if (r.cursor.empty())
    for (const auto& [kind, _] : kinds_) out.kinds[kind] = 0;
  std::vector<std::string> broad;
  const bool nobody = db_.Read([&](agora::store::Connection& c) {
    auto terms = content::SearchTermsOf(c, viewer);
    q.reader = std::move(terms.held);
    broad = std::move(terms.broad);
    q.excluded = std::move(terms.excluded);
    std::vector<std::string> authors = parsed->from, places = parsed->in;
    if (!r.author.empty()) authors.push_back(r.author);
    if (!r.community.empty()) places.push_back(r.community);
    // One author and one community at a time (the last named wins); one no one has finds nothing.
    if (!authors.empty() && !(q.author = PersonNamed(c, authors.back()))) return true;
    if (!places.empty() && !(q.container = CommunityNamed(c, viewer, places.back()))) return true;
    return false;
  });
  if (nobody) {
    out.counted_all = true;  // nothing matches: every count is exact
    return out;
  }
  std::map<std::string, Shown> shown;
  auto found = index_.Search(q, ShowEach(viewer, shown));
  // "Who knows about X": for one word that is someone's expertise, the most endorsed people
  // with it first (the expertise index, most endorsed first), whatever band they are in.
  std::vector<Id> experts = ExpertsFirst(viewer, r, *parsed, q);
  // The first few people shown (each reason is one more result read and cut a snippet from).
  std::vector<Id> people = experts;
  for (const auto& hit : found.hits)
    if (hit.kind == "person" && people.size() < kReasonsFor) people.push_back(IdOfKey(hit.key));
  std::map<Id, Wrote> wrote = TheyWrote(viewer, q, broad, people);
  db_.Read([&](agora::store::Connection& c) {
    // An item with the cards and community it shows.
    auto add = [&](const std::string& kind, Id id, Shown shown_as, std::vector<search::Snippet> snippet) {
      Item item{kind, id, std::move(shown_as), std::move(snippet), {}, {}, {}, {}};
      if (item.shown.author_id) item.author = people::store::CardOf(c, item.shown.author_id);
      if (item.kind == "person") {
        item.person = people::store::CardOf(c, item.id);
        if (auto w = wrote.find(item.id); w != wrote.end()) item.wrote = std::move(w->second);
      }
      if (item.shown.community_id) item.community = CommunityOf(c, *item.shown.community_id);
      out.items.push_back(std::move(item));
    };
    for (Id id : experts)
      if (auto s = kinds_.at("person").show(c, viewer, id)) add("person", id, std::move(*s), {{parsed->text, true}});
    for (auto& hit : found.hits) {
      const Id id = IdOfKey(hit.key);
      if (hit.kind == "person" && std::find(experts.begin(), experts.end(), id) != experts.end()) continue;
      add(hit.kind, id, std::move(shown[hit.key]), std::move(hit.snippet));
    }
    for (const auto& a : found.authors)
      if (auto id = ParseId(a.value)) out.authors.push_back({people::store::CardOf(c, *id), a.count});
    for (const auto& x : found.containers)
      if (auto id = ParseId(x.value))
        if (auto ref = CommunityOf(c, *id)) out.communities.push_back({*ref, x.count});
  });
  for (const auto& [kind, count] : found.kind_counts) out.kinds[kind] = count;
  out.counted_all = found.counted_all;
  for (const auto& l : found.languages) out.languages.push_back({l.value, l.count});
  if (found.next) out.next_cursor = EncodeCursor({EncodeBand(found.next->band), found.next->offset});
  // The words corrected, the filters the reader typed kept as they were.
  if (found.suggestion) out.suggestion = Restate(r.q, parsed->text, *found.suggestion);
  return out;
}

std::vector<Id> SearchService::ExpertsFirst(const content::Viewer& viewer, const SearchRequest& r, const ParsedQuery& parsed,
                                            const search::Query& q) {
  const bool people_wanted = q.kinds.empty() || std::find(q.kinds.begin(), q.kinds.end(), "person") != q.kinds.end();
  const bool one_word = !parsed.text.empty() && parsed.text.find_first_of(" \"*()-:") == std::string::npos;
  const bool filtered = q.author || q.container || !q.tags.empty() || !q.languages_only.empty() || q.after || q.before;
  if (!people_ || !viewer.in_organization() || !r.cursor.empty() || !people_wanted || !one_word || filtered) return {};
  people::DirectoryRequest request;
  request.expertise = parsed.text;
  request.limit = kExpertsFirst;
  auto page = people_->Directory(DirectoryReader(viewer), request);
  std::vector<Id> ids;
  if (page)
    for (const auto& card : page->items) ids.push_back(card.id);
  return ids;
}

std::map<Id, Wrote> SearchService::TheyWrote(const content::Viewer& viewer, const search::Query& q,
                                             const std::vector<std::string>& broad, const std::vector<Id>& people) {
  std::map<Id, Wrote> out;
  if (people.empty() || q.text.empty() || q.author || q.container) return out;
  search::Query w;
  w.text = q.text;
  w.languages = q.languages;
  // What everyone the reader works with may read (public, organization): two posting lists
  // rather than all of the reader's terms (one per community), for a reason shown beside a
  // name, not a result.
  w.reader = broad;
  w.excluded = q.excluded;
  w.kinds = {"post", "topic"};
  w.authors = people;
  w.best_of_each_author = true;
  w.whole_index = true;  // their posts are few: the best of them, however old
  w.limit = static_cast<int>(people.size());
  std::map<std::string, Shown> shown;
  auto found = index_.Search(w, ShowEach(viewer, shown));
  for (auto& hit : found.hits) {
    auto s = shown.find(hit.key);
    if (s == shown.end() || !s->second.author_id) continue;
    out.emplace(s->second.author_id,
                Wrote{hit.kind, IdOfKey(hit.key), std::move(s->second), std::move(hit.snippet)});
  }
  return out;
}

search::TextsOf SearchService::ShowEach(const content::Viewer& viewer, std::map<std::string, Shown>& shown) {
  return [this, &viewer, &shown](const std::vector<search::Hit>& hits) {
    std::vector<std::optional<std::string>> texts;
    db_.Read([&](agora::store::Connection& c) {  // the page's hits in one read
      for (const auto& hit : hits) {
        auto kind = kinds_.find(hit.kind);
        const Id id = IdOfKey(hit.key);
        std::optional<Shown> s;
        if (kind != kinds_.end() && id) s = kind->second.show(c, viewer, id);
        if (s) {
          texts.emplace_back(s->text);
          shown.emplace(hit.key, std::move(*s));
        } else {
          texts.emplace_back();
        }
      }
    });
    return texts;
  };
}

Suggestions SearchService::Suggest(const content::Viewer& viewer, const std::string& typed,
                                   const std::vector<std::string>& languages) {
  Suggestions out;
  const std::string prefix = AsPrefix(typed);
  if (prefix.empty()) return out;
  auto terms = db_.Read([&](agora::store::Connection& c) { return content::SearchTermsOf(c, viewer); });
  search::Query q;
  q.text = prefix;
  q.languages = languages;
  q.reader = terms.held;
  q.excluded = terms.excluded;
  q.limit = kSuggestEach;
  q.names_only = true;
  // The ids of what the index found of `kind`, each checked once more (as results are).
  auto found = [&](const std::string& kind) {
    q.kinds = {kind};
    std::vector<Id> ids;
    std::map<std::string, Shown> shown;
    for (const auto& hit : index_.Search(q, ShowEach(viewer, shown)).hits) ids.push_back(IdOfKey(hit.key));  // in the order found
    return ids;
  };
  // People by name (members and admins: the directory's name index, which finds names in
  // any spelling too; guests and alumni, who have no directory: the index, which knows
  // whom they share a community with), then communities.
  std::vector<Id> people;
  if (people_ && viewer.in_organization()) {
    people::DirectoryRequest request;
    request.q = typed;
    request.limit = kSuggestEach;
    if (auto page = people_->Directory(DirectoryReader(viewer), request)) out.people = std::move(page->items);
  } else {
    people = found("person");
  }
  db_.Read([&](agora::store::Connection& c) {
    for (Id id : people) out.people.push_back(people::store::CardOf(c, id));
    // Communities from their directory (names and handles containing the words; the
    // visibility rule in SQL): a few thousand rows, where the index's name words are
    // mostly people's.
    for (const auto& x : communities::store::Directory(c, viewer, std::string(text::Trim(typed)), false, "", 0, kSuggestEach))
      out.communities.push_back({x.id, x.handle, x.name});
  });
  // Hashtags starting so that are on something the viewer reads (a tag only on a secret
  // community's posts is not suggested to anyone else).
  out.tags = index_.TagsStartingWith(typed.front() == '#' ? typed.substr(1) : typed, q.reader, q.excluded, kSuggestEach,
                                     terms.broad);
  return out;
}

}  // namespace agora::find
