#include "modules/seed/wiki.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/ids.h"
#include "modules/seed/vocabulary.h"
#include "modules/wiki/titles.h"

namespace agora::seed {
namespace {

using agora::store::Connection;

constexpr const char* kPeople = "SELECT id FROM users WHERE email LIKE '%@seed.example' ORDER BY id";
constexpr const char* kInsertSpace =
    "INSERT INTO wiki_spaces (id, handle, name, description, audience, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, 'How we work, written down.', 'organization', ?4, ?5, ?5)";
constexpr const char* kInsertOwner = "INSERT INTO wiki_space_members (space_id, person_id, role) VALUES (?1, ?2, 'owner')";
constexpr const char* kInsertContent =
    "INSERT INTO content (id, kind, author_id, audience, created_at, edited_at, language) VALUES (?1, 'wiki_page', ?2, 'organization', ?3, ?4, 'en')";
constexpr const char* kInsertPage =
    "INSERT INTO wiki_pages (content_id, space_id, parent_id, position, title, slug, body, body_html, toc, revision, updated_at,"
    " updated_by, owner_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";
constexpr const char* kInsertRevision =
    "INSERT INTO wiki_revisions (page_id, number, author_id, created_at, summary, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kInsertName = "INSERT INTO wiki_names (space_id, name_key, page_id) VALUES (?1, ?2, ?3)";
constexpr const char* kInsertLink =
    "INSERT INTO wiki_links (from_page, from_space, to_space, to_key) VALUES (?1, ?2, ?2, ?3) ON CONFLICT DO NOTHING";
constexpr const char* kSpaceTotals = "UPDATE wiki_spaces SET page_count = ?2, updated_at = ?3, home_page = ?4 WHERE id = ?1";

constexpr std::string_view kWords[] = {
    "how", "we", "deploy", "the", "service", "to", "production", "and", "roll", "back", "when", "alerts", "fire", "on",
    "call", "rota", "for", "each", "team", "owns", "its", "runbook", "release", "checklist", "access", "requests", "take",
    "two", "days", "ask", "in", "channel", "before", "changing", "shared", "config", "review", "every", "quarter", "with",
    "security", "budget", "planning", "travel", "expenses", "laptop", "setup", "onboarding", "guide", "glossary"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

std::string Words(std::mt19937_64& rng, int n) {
  std::string out;
  std::uniform_int_distribution<size_t> pick(0, kWordCount - 1);
  for (int i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += kWords[pick(rng)];
  }
  return out;
}

struct Space {
  Id id = 0;
  std::string handle;
  Id owner = 0;
  std::vector<Id> pages;  // in order of making
  std::vector<std::string> titles, slugs;
  std::vector<std::int64_t> children;  // per page
  std::int64_t updated = 0;
};

}  // namespace

Result<WikiReport> SeedWiki(agora::store::Database& db, const Clock& clock, const WikiOptions& o) {
  if (o.spaces < 1 || o.spaces > 1'000'000) return Error::Invalid("wiki_spaces", "must be between 1 and 1000000");
  if (o.pages < 0 || o.pages > 100'000'000) return Error::Invalid("wiki_pages", "must be between 0 and 100000000");
  if (o.revisions != 0 && (o.revisions < o.pages || o.revisions > 1'000'000'000))
    return Error::Invalid("wiki_revisions", "must be at least the number of pages");
  std::vector<Id> people;
  db.Read([&](Connection& c) {
    for (auto q = c.Prepare(kPeople); q.Next();) people.push_back(q.Int(0));
  });
  if (people.empty()) return Error::Invalid("wiki_spaces", "seed people first (--people N)");
  if (db.Read([](Connection& c) { return c.Prepare("SELECT 1 FROM wiki_spaces LIMIT 1").Next(); }))
    return Error::Conflict("this database already has wiki spaces; seed the wiki into one without any", "wiki_spaces");

  std::mt19937_64 rng(o.seed ^ 0x3141ULL);
  IdGenerator ids((o.node + 512) % 1024);
  const std::int64_t now = clock.NowMs();
  const std::int64_t day = 24LL * 3600 * 1000;
  std::uniform_int_distribution<size_t> anyone(0, people.size() - 1);
  std::vector<Space> spaces(static_cast<size_t>(o.spaces));
  db.SetBulkLoad(true);
  struct EndBulkLoad {
    agora::store::Database& db;
    ~EndBulkLoad() { db.SetBulkLoad(false); }
  } end_bulk_load{db};
  db.Write([&](Connection& c) {
    for (size_t i = 0; i < spaces.size(); ++i) {
      Space& s = spaces[i];
      s.id = ids.NextAt(now - 3 * 365 * day + static_cast<std::int64_t>(i));
      s.handle = "seed-wiki-" + std::to_string(i + 1);
      s.owner = people[anyone(rng)];
      c.Prepare(kInsertSpace, s.id, s.handle, "Wiki " + std::to_string(i + 1), s.owner, now - 3 * 365 * day).Run();
      c.Prepare(kInsertOwner, s.id, s.owner).Run();
    }
  });
  WikiReport report;
  report.spaces = o.spaces;
  // Pages: times first, sorted, so that ids follow them.
  std::vector<std::int64_t> times(static_cast<size_t>(o.pages));
  for (auto& t : times) t = now - 60'000 - std::uniform_int_distribution<std::int64_t>(0, 2 * 365 * day)(rng);
  std::sort(times.begin(), times.end());
  // Extra revisions go to pages at random (a page has 1 + its share).
  const std::int64_t extra = o.revisions > 0 ? o.revisions - o.pages : 0;
  std::vector<int> revisions(static_cast<size_t>(o.pages), 1);
  if (o.pages > 0) {
    Zipf page_pick(static_cast<size_t>(o.pages), 0.5);
    for (std::int64_t k = 0; k < extra; ++k) ++revisions[page_pick(rng)];
  }
  const std::int64_t hub_links = std::min<std::int64_t>(10000, o.pages / 10);
  Zipf space_pick(spaces.size(), 0.9);
  const size_t batch = 10'000;
  if (o.progress) o.progress("wiki pages", 0, o.pages);
  for (size_t begin = 0; begin < times.size(); begin += batch) {
    const size_t end = std::min(times.size(), begin + batch);
    db.Write([&](Connection& c) {
      for (size_t i = begin; i < end; ++i) {
        // The first page of all is the first space's "Getting started"; the next 10,000 link to it.
        Space& s = i == 0 || static_cast<std::int64_t>(i) <= hub_links ? spaces[0] : spaces[space_pick(rng)];
        const Id id = ids.NextAt(times[i]);
        const size_t n = s.pages.size();
        std::string title = i == 0 ? "Getting started" : Words(rng, std::uniform_int_distribution<int>(2, 5)(rng)) + " " + std::to_string(i);
        if (i != 0) title[0] = static_cast<char>(title[0] - 'a' + 'A');
        const std::string slug = wiki::TitleKey(title);
        // Below an earlier page of the space with room (about ten children each), or at the top.
        std::optional<Id> parent;
        std::int64_t position = 0;
        if (n > 0) {
          size_t at = n <= 10 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng);
          if (n > 10 && s.children[at] >= 10) at = (n - 1) / 10;
          parent = s.pages[at];
          position = s.children[at]++;
        }
        std::string body, html, links;
        std::vector<std::string> keys;
        for (int para = std::uniform_int_distribution<int>(3, 6)(rng); para > 0; --para) {
          std::string text = Words(rng, std::uniform_int_distribution<int>(25, 45)(rng));
          text[0] = static_cast<char>(text[0] - 'a' + 'A');
          body += text + ".\n\n";
          html += "<p>" + text + ".</p>\n";
        }
        auto link = [&](size_t k) {
          keys.push_back(s.slugs[k]);
          body += "See [[" + s.titles[k] + "]].\n\n";
          html += "<p>See <a href=\"/wiki/" + s.handle + "/" + s.slugs[k] + "\">" + s.titles[k] + "</a>.</p>\n";
        };
        if (i > 0 && static_cast<std::int64_t>(i) <= hub_links) link(0);
        for (int l = 0; l < 3 && n > 1; ++l) link(std::uniform_int_distribution<size_t>(1, n - 1)(rng));
        const Id author = people[anyone(rng)];
        const int revs = revisions[i];
        const std::int64_t span = std::max<std::int64_t>(1, (now - times[i]) / (revs + 1));
        const std::int64_t updated = times[i] + span * (revs - 1);
        c.Prepare(kInsertContent, id, author, times[i], revs > 1 ? std::optional<std::int64_t>(updated) : std::nullopt).Run();
        c.Prepare(kInsertPage, id, s.id, parent, position, title, slug, body, html, "[]", revs, updated, author).Run();
        c.Prepare(kInsertName, s.id, slug, id).Run();
        for (const auto& k : keys) c.Prepare(kInsertLink, id, s.id, k).Run();
        report.links += static_cast<std::int64_t>(keys.size());
        // Older revisions: the text as it grew, a paragraph at a time (shorter the older).
        for (int r = 1; r <= revs; ++r) {
          std::string text = r == revs ? body : body.substr(0, std::min(body.size(), static_cast<size_t>(120 * r)));
          c.Prepare(kInsertRevision, id, r, r == revs ? author : people[anyone(rng)], times[i] + span * (r - 1),
                    r == 1 ? "First version" : "Edit " + std::to_string(r), text)
              .Run();
        }
        report.revisions += revs;
        s.pages.push_back(id);
        s.titles.push_back(title);
        s.slugs.push_back(slug);
        s.children.push_back(0);
        s.updated = std::max(s.updated, updated);
      }
    });
    if (o.progress) o.progress("wiki pages", static_cast<std::int64_t>(end), o.pages);
  }
  db.Write([&](Connection& c) {
    for (const Space& s : spaces)
      c.Prepare(kSpaceTotals, s.id, static_cast<std::int64_t>(s.pages.size()), std::max(s.updated, now - 3 * 365 * day),
                s.pages.empty() ? std::nullopt : std::optional<Id>(s.pages.front()))
          .Run();
  });
  // Each page's count of the pages of its space linking to it (wiki_pages.linked_from).
  if (o.progress) o.progress("wiki links", 0, 1);
  db.Write([&](Connection& c) {
    c.Prepare("UPDATE wiki_pages SET linked_from = (SELECT COUNT(DISTINCT l.from_page) FROM wiki_links l"
              " WHERE l.to_space = wiki_pages.space_id AND l.to_key = wiki_pages.slug AND l.crosses = 0"
              " AND l.from_page <> wiki_pages.content_id)")
        .Run();
  });
  if (o.progress) o.progress("wiki links", 1, 1);
  report.pages = o.pages;
  return report;
}

}  // namespace agora::seed
