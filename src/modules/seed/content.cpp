#include "modules/seed/content.h"

#include <algorithm>
#include <array>
#include <optional>
#include <random>
#include <string_view>
#include <vector>

#include "core/markdown.h"
#include "modules/seed/vocabulary.h"

namespace agora::seed {
namespace {

using agora::store::Connection;

constexpr const char* kPeople = "SELECT id, handle FROM users WHERE email LIKE '%@seed.example' ORDER BY id";
constexpr const char* kInsertContent =
    "INSERT INTO content (id, kind, author_id, audience, created_at, comment_count, reaction_count)"
    " VALUES (?1, 'post', ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kInsertPost = "INSERT INTO posts (content_id, body, body_html) VALUES (?1, ?2, ?3)";
constexpr const char* kInsertTag = "INSERT INTO content_tags (tag, content_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kInsertMention = "INSERT INTO content_mentions (content_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kInsertReader = "INSERT INTO content_readers (content_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
constexpr const char* kInsertComment =
    "INSERT INTO comments (id, content_id, author_id, body, body_html, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kInsertReaction =
    "INSERT INTO reactions (target_id, person_id, content_id, kind, created_at) VALUES (?1, ?2, ?1, ?3, ?4) ON CONFLICT DO NOTHING";
constexpr const char* kCountReaction =
    "INSERT INTO reaction_counts (target_id, kind, count, content_id) VALUES (?1, ?2, 1, ?1)"
    " ON CONFLICT (target_id, kind) DO UPDATE SET count = reaction_counts.count + 1";

constexpr std::array<std::string_view, 8> kOpenings = {
    "Shipped the new", "Looking for help with", "Notes from today's session on", "Great discussion about",
    "Anyone tried the latest", "We just published a guide to", "Lessons learned from a year of", "Quick tip on"};
constexpr std::array<std::string_view, 6> kReactionKinds = {"like", "celebrate", "support", "love", "insightful", "funny"};
constexpr std::array<std::string_view, 6> kComments = {
    "Thanks for sharing!", "Great work, team.", "Can you share the slides?", "We saw the same thing last quarter.",
    "Congratulations!", "Let's talk about this at the next sync."};


}  // namespace

Result<ContentReport> SeedContent(agora::store::Database& db, const Clock& clock, const ContentOptions& o) {
  if (o.posts < 0 || o.posts > 100'000'000) return Error::Invalid("posts", "posts must be between 0 and 100000000");
  ContentReport report;
  if (o.posts == 0) return report;
  std::vector<std::pair<Id, std::string>> people;
  db.Read([&](Connection& c) {
    auto q = c.Prepare(kPeople);
    while (q.Next()) people.emplace_back(q.Int(0), q.Text(1));
  });
  if (people.empty()) return Error::Invalid("posts", "seed people first (--people N)");
  // Seeded ids are made for past times by a generator of their own, which could repeat ids
  // of an earlier seeding: seed posts once.
  bool has_posts = db.Read([](Connection& c) { return c.Prepare("SELECT 1 FROM content LIMIT 1").Next(); });
  if (has_posts) return Error::Conflict("this database already has posts; seed posts into one without any", "posts");

  std::mt19937_64 rng(o.seed ^ 0x5DEECE66DULL);
  const auto n = people.size();
  const std::int64_t now = clock.NowMs();
  const std::int64_t year = 365LL * 24 * 3600 * 1000;
  // Times first, sorted, so ids (time-ordered) follow them; ids come from a generator of
  // their own, since the server's would not go back in time.
  std::vector<std::int64_t> times(static_cast<size_t>(o.posts));
  for (auto& t : times) t = now - 60'000 - std::uniform_int_distribution<std::int64_t>(0, year)(rng);
  std::sort(times.begin(), times.end());
  IdGenerator ids(o.node);

  const size_t active = std::max<size_t>(1, n / 5);
  Zipf tag_pick(kTagVocabulary, 1.05);
  std::geometric_distribution<int> comment_count(0.6), reaction_count(0.35);
  std::uniform_int_distribution<size_t> anyone(0, n - 1), someone_active(0, active - 1);
  db.SetBulkLoad(true);
  struct EndBulkLoad {
    agora::store::Database& db;
    ~EndBulkLoad() { db.SetBulkLoad(false); }
  } end_bulk_load{db};

  // The reactions' index by person is built after loading: inserting 18 million reactions
  // into it in random order is far slower than sorting them once.
  db.Write([](Connection& c) { c.ExecScript("DROP INDEX IF EXISTS reactions_by_person"); });
  struct RestoreIndex {  // also when seeding stops part-way
    explicit RestoreIndex(agora::store::Database& d) : db(d) {}
    agora::store::Database& db;
    ~RestoreIndex() {
      try {
        db.Write([](Connection& c) {
          c.ExecScript("CREATE INDEX IF NOT EXISTS reactions_by_person ON reactions(person_id, target_id, kind)");
        });
      } catch (const std::exception&) {
        // The database is unusable anyway (the error that stopped seeding says why).
      }
    }
  };
  std::optional<RestoreIndex> restore_index{std::in_place, db};
  const size_t batch = 20000;
  if (o.progress) o.progress("posts", 0, o.posts);
  for (size_t begin = 0; begin < times.size(); begin += batch) {
    const size_t end = std::min(times.size(), begin + batch);
    db.Write([&](Connection& c) {
      for (size_t i = begin; i < end; ++i) {
        const std::int64_t at = times[i];
        const Id id = ids.NextAt(at);
        // A fifth of the people write 70% of the posts.
        const size_t author = std::uniform_int_distribution<int>(0, 9)(rng) < 7 ? someone_active(rng) : anyone(rng);
        const int roll = std::uniform_int_distribution<int>(0, 99)(rng);
        const char* audience = roll < 85 ? "organization" : roll < 95 ? "public" : "restricted";
        std::string body(kOpenings[std::uniform_int_distribution<size_t>(0, kOpenings.size() - 1)(rng)]);
        body += " " + TagName(tag_pick(rng)) + " work.";
        std::string html = "<p>" + body;
        std::vector<std::string> tags;
        for (int t = std::uniform_int_distribution<int>(0, 2)(rng); t > 0; --t)
          if (auto tag = Hashtag(tag_pick(rng)); !tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end())
            tags.push_back(tag);
        for (const auto& tag : tags) {
          body += " #" + tag;
          html += " <a href=\"/tags/" + tag + "\">#" + tag + "</a>";
        }
        std::optional<size_t> mentioned;
        if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) {
          mentioned = anyone(rng);
          const auto& handle = people[*mentioned].second;
          body += " cc @" + handle;
          html += " cc <a href=\"/people/" + handle + "\">@" + handle + "</a>";
        }
        html += "</p>\n";
        const int comments = comment_count(rng);
        const int reactions = reaction_count(rng);
        c.Prepare(kInsertContent, id, people[author].first, audience, at, comments, 0).Run();
        c.Prepare(kInsertPost, id, body, html).Run();
        for (const auto& tag : tags) c.Prepare(kInsertTag, tag, id).Run();
        if (mentioned) c.Prepare(kInsertMention, id, people[*mentioned].first).Run();
        if (std::string_view(audience) == "restricted")
          for (int r = std::uniform_int_distribution<int>(1, 3)(rng); r > 0; --r) c.Prepare(kInsertReader, id, people[anyone(rng)].first).Run();
        for (int k = 0; k < comments; ++k) {
          const std::int64_t when = std::min(now - 1, at + (k + 1) * 600'000);  // ten minutes apart
          std::string text(kComments[std::uniform_int_distribution<size_t>(0, kComments.size() - 1)(rng)]);
          c.Prepare(kInsertComment, ids.NextAt(at), id, people[anyone(rng)].first, text, "<p>" + text + "</p>\n", when).Run();
        }
        std::int64_t reacted = 0;
        for (int k = 0; k < reactions; ++k) {
          auto kind = kReactionKinds[std::uniform_int_distribution<size_t>(0, 9)(rng) < 6 ? 0 : std::uniform_int_distribution<size_t>(1, 5)(rng)];
          if (c.Prepare(kInsertReaction, id, people[anyone(rng)].first, kind, at).Run() == 0) continue;
          c.Prepare(kCountReaction, id, kind).Run();
          ++reacted;
        }
        if (reacted) c.Prepare("UPDATE content SET reaction_count = ?2 WHERE id = ?1", id, reacted).Run();
        report.comments += comments;
        report.reactions += reacted;
      }
    });
    report.posts = static_cast<std::int64_t>(end);
    if (o.progress) o.progress("posts", report.posts, o.posts);
  }
  restore_index.reset();
  if (o.progress) o.progress("statistics", 0, 1);
  db.Analyze();
  if (o.progress) o.progress("statistics", 1, 1);
  return report;
}

}  // namespace agora::seed
