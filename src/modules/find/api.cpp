#include "modules/find/api.h"

#include <boost/json/array.hpp>

#include "core/clock.h"
#include "core/cursor.h"
#include "core/languages.h"
#include "http/response.h"
#include "modules/find/query_language.h"
#include "modules/people/json.h"

namespace agora::find {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

std::vector<std::string> CommaList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = std::min(s.find(',', start), s.size());
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The languages a reader's query is stemmed in: theirs, and their browser's first.
std::vector<std::string> ReaderLanguages(const Request& req) {
  std::vector<std::string> out;
  if (req.principal && !req.principal->user.language.empty()) out.push_back(req.principal->user.language);
  const std::string browser(languages::FromAcceptLanguage(req.accept_language, ""));
  if (!browser.empty()) out.push_back(browser);
  return out;
}

boost::json::object CommunityJson(const CommunityRef& c) {
  return {{"id", IdToString(c.id)}, {"handle", c.handle}, {"name", c.name}};
}

boost::json::array SnippetJson(const std::vector<search::Snippet>& parts) {
  boost::json::array out;
  for (const auto& part : parts) out.push_back({{"text", part.text}, {"match", part.match}});
  return out;
}

boost::json::object ItemJson(const Item& item) {
  boost::json::array snippet = SnippetJson(item.snippet);
  boost::json::object o{{"kind", item.kind},
                        {"id", IdToString(item.id)},
                        {"title", item.shown.title},
                        {"subtitle", item.shown.subtitle},
                        {"url", item.shown.url},
                        {"snippet", std::move(snippet)}};
  if (item.shown.created_at) o["created_at"] = FormatRfc3339(item.shown.created_at);
  if (item.author) o["author"] = people::json::CardJson(*item.author);
  if (item.person) o["person"] = people::json::CardJson(*item.person);
  if (item.community) o["community"] = CommunityJson(*item.community);
  if (item.wrote) {
    boost::json::object w{{"kind", item.wrote->kind}, {"id", IdToString(item.wrote->id)}, {"url", item.wrote->shown.url},
                          {"snippet", SnippetJson(item.wrote->snippet)}};
    if (item.wrote->shown.created_at) w["created_at"] = FormatRfc3339(item.wrote->shown.created_at);
    o["wrote"] = std::move(w);
  }
  return o;
}

Result<SearchRequest> ParseRequest(const Request& req) {
  SearchRequest r;
  r.q = req.Query("q");
  if (r.q.size() > 1000) return Error::Invalid("q", "must be at most 1000 characters");
  for (const auto& k : CommaList(req.Query("kind"))) {
    auto kind = KindNamed(k);
    if (!kind) return Error::Invalid("kind", "must be person, post, comment, topic, blog, blog_entry, community, wiki_page or wiki_space");
    r.kinds.push_back(*kind);
  }
  r.author = req.Query("author");
  r.community = req.Query("community");
  for (const char* bound : {"after", "before"}) {
    const std::string text = req.Query(bound);
    if (text.empty()) continue;
    auto at = ParseDay(text);
    if (!at) return Error::Invalid(bound, "must be a day (2026-01-31) or an RFC 3339 time");
    (std::string_view(bound) == "after" ? r.after : r.before) = *at;
  }
  for (const auto& l : CommaList(req.Query("lang"))) {
    if (auto st = languages::CheckSupported(l, "lang"); !st) return st.error();
    r.written_in.push_back(l);
  }
  const std::string sort = req.Query("sort");
  if (!sort.empty() && sort != "relevance" && sort != "date") return Error::Invalid("sort", "must be relevance or date");
  r.newest_first = sort == "date";
  r.cursor = req.Query("cursor");
  auto limit = ParseLimit(req.Query("limit"));
  if (!limit) return limit.error();
  r.limit = *limit;
  r.reader_languages = ReaderLanguages(req);
  return r;
}

}  // namespace

void RegisterApi(http::Router& router, SearchService& service) {
  router.Add(Method::kGet, "/api/v1/search", {.access = Access::kPublic, .work = http::Work::kSearch}, [&service](Request& req) {
    auto request = ParseRequest(req);
    if (!request) return http::Problem(request.error());
    auto found = service.Search(content::ViewerOf(req.principal), *request);
    if (!found) return http::Problem(found.error());
    boost::json::array items;
    for (const auto& item : found->items) items.push_back(ItemJson(item));
    boost::json::array kinds;
    for (const auto& [kind, count] : found->kinds) kinds.push_back({{"value", kind}, {"count", count}});
    boost::json::array authors, communities, languages;
    for (const auto& a : found->authors)
      authors.push_back({{"value", IdToString(a.value.id)}, {"count", a.count}, {"person", people::json::CardJson(a.value)}});
    for (const auto& x : found->communities)
      communities.push_back({{"value", IdToString(x.value.id)}, {"count", x.count}, {"community", CommunityJson(x.value)}});
    for (const auto& l : found->languages) languages.push_back({{"value", l.value}, {"count", l.count}});
    boost::json::object body{{"items", std::move(items)},
                             {"facets", {{"kind", std::move(kinds)},
                                         {"author", std::move(authors)},
                                         {"community", std::move(communities)},
                                         {"language", std::move(languages)},
                                         {"complete", found->counted_all}}},
                             {"next_cursor", found->next_cursor ? boost::json::value(*found->next_cursor) : nullptr}};
    if (found->suggestion) body["suggestion"] = *found->suggestion;
    return http::Json(200, body);
  });

  router.Add(Method::kGet, "/api/v1/search/suggest", {.access = Access::kUser, .work = http::Work::kSearch}, [&service](Request& req) {
    const std::string q = req.Query("q");
    if (q.size() > 200) return http::Problem(Error::Invalid("q", "must be at most 200 characters"));
    auto s = service.Suggest(content::ViewerOf(req.principal), q, ReaderLanguages(req));
    boost::json::array people, communities, tags;
    for (const auto& p : s.people) people.push_back(people::json::CardJson(p));
    for (const auto& c : s.communities) communities.push_back(CommunityJson(c));
    for (const auto& t : s.tags) tags.push_back(boost::json::value(t));
    return http::Json(200, boost::json::object{{"people", std::move(people)},
                                              {"communities", std::move(communities)},
                                              {"tags", std::move(tags)}});
  });
}

}  // namespace agora::find
