// Search over everything (issue 17): a reader's query, in the query language
// (query_language.h) and the request's filters, run on the index (search/index.h) within
// the terms the reader holds (content/search_terms.h), each result checked once more and
// shown by its kind (kinds.h); and typeahead suggestions (people, communities, hashtags)
// under the same rule. No HTTP types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/content/model.h"
#include "modules/find/kinds.h"
#include "modules/find/query_language.h"
#include "modules/people/model.h"
#include "modules/people/service.h"
#include "search/index.h"
#include "store/database.h"

namespace agora::find {

struct SearchRequest {
  std::string q;
  std::vector<std::string> kinds;    // empty: all
  std::string author;                // an id or handle; "": anyone
  std::string community;             // an id or handle; "": anywhere
  std::optional<std::int64_t> after, before;
  std::vector<std::string> written_in;  // content languages; empty: any
  bool newest_first = false;
  std::string cursor;
  int limit = 20;
  std::vector<std::string> reader_languages;  // to stem the query in
};

struct CommunityRef {
  Id id = 0;
  std::string handle, name;
};

// A person result's best matching post or topic: why they matched, beside their expertise and title.
struct Wrote {
  std::string kind;
  Id id = 0;
  Shown shown;
  std::vector<search::Snippet> snippet;
};

struct Item {
  std::string kind;
  Id id = 0;
  Shown shown;
  std::vector<search::Snippet> snippet;
  std::optional<people::Card> author;     // the author of content
  std::optional<people::Card> person;     // a person result's card
  std::optional<CommunityRef> community;  // where content is, or the community found
  std::optional<Wrote> wrote;             // a person result's: what they wrote that matches
};

template <class T>
struct Counted {
  T value;
  std::uint64_t count = 0;
};

struct Results {
  std::vector<Item> items;
  std::map<std::string, std::uint64_t> kinds;  // matches per kind within the other filters
  // Whether the counts are of every match (else of those in the recent documents the first
  // page searched: at least so many). Counts are made for the first page only.
  bool counted_all = false;
  // The most frequent authors, communities and languages of the matches, most first.
  std::vector<Counted<people::Card>> authors;
  std::vector<Counted<CommunityRef>> communities;
  std::vector<Counted<std::string>> languages;
  std::optional<std::string> next_cursor;
  std::optional<std::string> suggestion;  // "did you mean": the whole query, corrected
};

struct Suggestions {
  std::vector<people::Card> people;
  std::vector<CommunityRef> communities;
  std::vector<std::string> tags;
};

class SearchService {
 public:
  // `people`: the directory, whose in-memory name index suggests people to members and
  // admins under the same rule (people/policy.h) faster than the index can; null: the index.
  SearchService(agora::store::Database& db, const search::Index& index, const Kinds& kinds,
                people::PeopleService* people = nullptr);

  Result<Results> Search(const content::Viewer& viewer, const SearchRequest& request);
  // What the words typed so far may be completing, a few of each (all readable by the viewer).
  Suggestions Suggest(const content::Viewer& viewer, const std::string& typed, const std::vector<std::string>& languages);

 private:
  // The most endorsed people whose expertise is the one word searched (first page, no filter
  // but kinds that include people; members and admins): shown first.
  std::vector<Id> ExpertsFirst(const content::Viewer& viewer, const SearchRequest& r, const ParsedQuery& parsed,
                               const search::Query& q);
  // Shows each hit of a page to the viewer, in one database read: its text to cut the snippet
  // from, or none when the viewer may not read it; what it shows goes into `shown` by key.
  search::TextsOf ShowEach(const content::Viewer& viewer, std::map<std::string, Shown>& shown);
  // Of the people on the page, the post or topic of each that best matches the query's words
  // among those the viewer's `broad` audience terms read (content/search_terms.h), by their id.
  std::map<Id, Wrote> TheyWrote(const content::Viewer& viewer, const search::Query& q, const std::vector<std::string>& broad,
                                const std::vector<Id>& people);

  agora::store::Database& db_;
  const search::Index& index_;
  const Kinds& kinds_;
  people::PeopleService* people_;
};

}  // namespace agora::find
