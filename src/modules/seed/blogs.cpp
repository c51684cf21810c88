#include "modules/seed/blogs.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/markdown.h"
#include "modules/blogs/rank.h"
#include "modules/seed/vocabulary.h"

namespace agora::seed {
namespace {

using agora::store::Connection;

constexpr const char* kPeople = "SELECT id, handle, display_name FROM users WHERE email LIKE '%@seed.example' ORDER BY id";
constexpr const char* kInsertBlog =
    "INSERT INTO blogs (id, handle, name, description, personal_of, audience, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)";
constexpr const char* kInsertMember = "INSERT INTO blog_members (blog_id, person_id, role) VALUES (?1, ?2, ?3)";
constexpr const char* kInsertContent =
    "INSERT INTO content (id, kind, author_id, audience, created_at, language) VALUES (?1, 'blog_entry', ?2, ?3, ?4, 'en')";
constexpr const char* kInsertEntry =
    "INSERT INTO blog_entries (content_id, blog_id, title, slug, excerpt, body, body_html, state, published_at,"
    " recommend_count, reader_count, view_count, rank) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'published', ?8, ?9, ?10, ?11, ?12)";
constexpr const char* kInsertTag = "INSERT INTO content_tags (tag, content_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kBlogTotals = "UPDATE blogs SET entry_count = ?2, updated_at = ?3, rank = ?4 WHERE id = ?1";

constexpr std::string_view kWords[] = {
    "we", "moved", "the", "build", "to", "a", "new", "cluster", "and", "learned", "what", "matters", "when", "teams",
    "grow", "faster", "than", "their", "tools", "our", "customers", "asked", "for", "simpler", "pricing", "so", "this",
    "quarter", "in", "review", "shows", "how", "small", "steps", "add", "up", "over", "time", "every", "release",
    "taught", "us", "something", "about", "planning", "testing", "writing", "listening", "measuring", "shipping"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

struct Blog {
  Id id = 0;
  std::string handle;
  std::string audience;
  std::vector<Id> writers;  // the owner first
  std::int64_t entries = 0, updated = 0;
  double rank = 0;
};

std::string Words(std::mt19937_64& rng, int n) {
  std::string out;
  std::uniform_int_distribution<size_t> pick(0, kWordCount - 1);
  for (int i = 0; i < n; ++i) {
    if (i) out += ' ';
    out += kWords[pick(rng)];
  }
  return out;
}


}  // namespace

Result<BlogReport> SeedBlogs(agora::store::Database& db, const Clock& clock, const BlogOptions& o) {
  if (o.blogs < 1 || o.blogs > 10'000'000) return Error::Invalid("blogs", "must be between 1 and 10000000");
  if (o.entries < 0 || o.entries > 100'000'000) return Error::Invalid("blog_entries", "must be between 0 and 100000000");
  struct Person {
    Id id;
    std::string handle, name;
  };
  std::vector<Person> people;
  db.Read([&](Connection& c) {
    for (auto q = c.Prepare(kPeople); q.Next();) people.push_back({q.Int(0), q.Text(1), q.Text(2)});
  });
  if (people.empty()) return Error::Invalid("blogs", "seed people first (--people N)");
  if (db.Read([](Connection& c) { return c.Prepare("SELECT 1 FROM blogs LIMIT 1").Next(); }))
    return Error::Conflict("this database already has blogs; seed blogs into one without any", "blogs");

  std::mt19937_64 rng(o.seed ^ 0xB10C5ULL);
  IdGenerator ids((o.node + 256) % 1024);  // not the ids of posts or communities seeded before
  const std::int64_t now = clock.NowMs();
  const std::int64_t day = 24LL * 3600 * 1000;
  BlogReport report;
  std::vector<Blog> blogs;
  const auto personal = std::min<std::int64_t>(static_cast<std::int64_t>(people.size()), o.blogs * 7 / 10);
  std::uniform_int_distribution<size_t> anyone(0, people.size() - 1);
  for (std::int64_t i = 0; i < o.blogs; ++i) {
    Blog b;
    b.id = ids.NextAt(now - 3 * 365 * day + i);
    if (i < personal) {
      b.handle = people[static_cast<size_t>(i)].handle;
      b.audience = "organization";
      b.writers = {people[static_cast<size_t>(i)].id};
    } else {
      b.handle = "seed-team-" + std::to_string(i - personal + 1);
      // A fifth are public; the first is, and is the busiest blog of all (below): the public
      // voice whose 50-entry feed and pages the benchmark reads with no credential.
      b.audience = i == personal || std::uniform_int_distribution<int>(0, 4)(rng) == 0 ? "public" : "organization";
      for (int w = std::uniform_int_distribution<int>(2, 5)(rng); w > 0; --w) {
        const Id person = people[anyone(rng)].id;
        if (std::find(b.writers.begin(), b.writers.end(), person) == b.writers.end()) b.writers.push_back(person);
      }
    }
    if (b.audience == "public") ++report.public_blogs;
    blogs.push_back(std::move(b));
  }
  db.SetBulkLoad(true);
  struct EndBulkLoad {
    agora::store::Database& db;
    ~EndBulkLoad() { db.SetBulkLoad(false); }
  } end_bulk_load{db};
  if (o.progress) o.progress("blogs", 0, o.blogs);
  db.Write([&](Connection& c) {
    for (size_t i = 0; i < blogs.size(); ++i) {
      const Blog& b = blogs[i];
      const bool own = static_cast<std::int64_t>(i) < personal;
      const std::string name = own ? people[i].name : "Team notes " + std::to_string(i - static_cast<size_t>(personal) + 1);
      c.Prepare(kInsertBlog, b.id, b.handle, name, own ? "" : "What the team is working on.",
                own ? std::optional<Id>(b.writers.front()) : std::nullopt, b.audience, b.writers.front(), now - 3 * 365 * day)
          .Run();
      for (size_t w = 0; w < b.writers.size(); ++w)
        c.Prepare(kInsertMember, b.id, b.writers[w], w == 0 ? "owner" : w == 1 ? "editor" : "author").Run();
    }
  });
  if (o.progress) o.progress("blogs", o.blogs, o.blogs);
  report.blogs = o.blogs;
  report.personal = personal;

  // Entries: times first, sorted, so that ids follow them.
  std::vector<std::int64_t> times(static_cast<size_t>(o.entries));
  for (auto& t : times) t = now - 60'000 - std::uniform_int_distribution<std::int64_t>(0, 2 * 365 * day)(rng);
  std::sort(times.begin(), times.end());
  Zipf blog_pick(blogs.size(), 0.8);
  Zipf tag_pick(kTagVocabulary, 1.05);
  std::geometric_distribution<int> recommends(0.15), extra_readers(0.02), extra_views(0.05);
  const size_t batch = 20000;
  if (o.progress) o.progress("entries", 0, o.entries);
  for (size_t begin = 0; begin < times.size(); begin += batch) {
    const size_t end = std::min(times.size(), begin + batch);
    db.Write([&](Connection& c) {
      for (size_t i = begin; i < end; ++i) {
        // Zipf's first (the most picked) is the first shared blog, public; the rest as drawn.
        size_t pick = blog_pick(rng);
        const auto first_shared = static_cast<size_t>(personal);
        if (first_shared < blogs.size() && (pick == 0 || pick == first_shared)) pick = pick == 0 ? first_shared : 0;
        Blog& b = blogs[pick];
        const Id id = ids.NextAt(times[i]);
        const Id author = b.writers[std::uniform_int_distribution<size_t>(0, b.writers.size() - 1)(rng)];
        std::string title = Words(rng, std::uniform_int_distribution<int>(3, 7)(rng));
        title[0] = static_cast<char>(title[0] - 'a' + 'A');
        std::string slug = title;
        for (char& ch : slug) ch = ch == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        slug += "-" + std::to_string(i + 1);
        const std::string excerpt = title + ", in short.";
        std::string body, html;
        for (int para = std::uniform_int_distribution<int>(2, 4)(rng); para > 0; --para) {
          std::string text = Words(rng, std::uniform_int_distribution<int>(25, 45)(rng));
          text[0] = static_cast<char>(text[0] - 'a' + 'A');
          body += text + ".\n\n";
          html += "<p>" + text + ".</p>\n";
        }
        std::string tag;
        if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
          tag = Hashtag(tag_pick(rng));
          if (!tag.empty()) {
            body += "#" + tag + "\n";
            html += "<p><a href=\"/tags/" + tag + "\">#" + tag + "</a></p>\n";
          }
        }
        const std::int64_t recs = recommends(rng);
        const std::int64_t readers = recs * 3 + extra_readers(rng);
        const std::int64_t views = readers + extra_views(rng);
        const double rank = blogs::EntryRank(recs, readers, times[i]);
        c.Prepare(kInsertContent, id, author, b.audience, times[i]).Run();
        c.Prepare(kInsertEntry, id, b.id, title, slug, excerpt, body, html, times[i], recs, readers, views, rank).Run();
        if (!tag.empty()) c.Prepare(kInsertTag, tag, id).Run();
        ++b.entries;
        b.updated = std::max(b.updated, times[i]);
        b.rank += rank;
      }
    });
    if (o.progress) o.progress("entries", static_cast<std::int64_t>(end), o.entries);
  }
  db.Write([&](Connection& c) {
    for (const Blog& b : blogs)
      if (b.entries) c.Prepare(kBlogTotals, b.id, b.entries, b.updated, b.rank).Run();
  });
  report.entries = o.entries;
  return report;
}

}  // namespace agora::seed
