#include "modules/seed/communities.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/ids.h"

namespace agora::seed {
namespace {

using agora::store::Connection;

constexpr const char* kPeople = "SELECT id FROM users WHERE email LIKE '%@seed.example' ORDER BY id LIMIT ?1";
constexpr const char* kInsertMember =
    "INSERT INTO community_members (community_id, person_id, role, state, muted, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, 'active', 0, ?4, ?4)";
constexpr const char* kInsertContent =
    "INSERT INTO content (id, kind, author_id, container_id, audience, created_at) VALUES (?1, 'post', ?2, ?3, 'community', ?4)";
constexpr const char* kInsertPost = "INSERT INTO posts (content_id, body, body_html) VALUES (?1, ?2, ?3)";

}  // namespace

Result<CommunityReport> SeedCommunity(agora::store::Database& db, const Clock& clock, const CommunityOptions& o) {
  if (o.members < 1 || o.members > 10'000'000) return Error::Invalid("community_members", "must be between 1 and 10000000");
  if (o.posts < 0 || o.posts > 100'000'000) return Error::Invalid("community_posts", "must be between 0 and 100000000");
  std::vector<Id> people;
  db.Read([&](Connection& c) {
    for (auto q = c.Prepare(kPeople, o.members); q.Next();) people.push_back(q.Int(0));
  });
  if (people.empty()) return Error::Invalid("community_members", "seed people first (--people N)");
  if (db.Read([](Connection& c) { return c.Prepare("SELECT 1 FROM communities WHERE handle = 'seed-everyone'").Next(); }))
    return Error::Conflict("this database already has the seeded community", "community_members");
  // A node number of its own: seeded ids are made for past times and must not repeat those
  // of the posts seeded before.
  IdGenerator ids((o.node + 512) % 1024);
  std::mt19937_64 rng(o.seed ^ 0xC0FFEEULL);
  const std::int64_t now = clock.NowMs();
  CommunityReport report;
  report.community = ids.NextAt(now - 366LL * 24 * 3600 * 1000);
  db.SetBulkLoad(true);
  struct EndBulkLoad {
    agora::store::Database& db;
    ~EndBulkLoad() { db.SetBulkLoad(false); }
  } end_bulk_load{db};
  db.Write([&](Connection& c) {
    c.Prepare("INSERT INTO communities (id, handle, name, description, description_html, type, listed, allow_guests, alumni,"
              " member_count, created_by, created_at, updated_at) VALUES (?1, 'seed-everyone', 'Everyone',"
              " 'The whole seeded organization.', '<p>The whole seeded organization.</p>\n', 'open', 1, 0, 0, ?2, ?3, ?4, ?4)",
              report.community, static_cast<std::int64_t>(people.size()), people.front(), now)
        .Run();
    for (size_t i = 0; i < people.size(); ++i)
      c.Prepare(kInsertMember, report.community, people[i], i == 0 ? "owner" : "member", now).Run();
  });
  report.members = static_cast<std::int64_t>(people.size());
  std::vector<std::int64_t> times(static_cast<size_t>(o.posts));
  for (auto& t : times) t = now - 60'000 - std::uniform_int_distribution<std::int64_t>(0, 365LL * 24 * 3600 * 1000)(rng);
  std::sort(times.begin(), times.end());
  std::uniform_int_distribution<size_t> anyone(0, people.size() - 1);
  const size_t batch = 20000;
  for (size_t begin = 0; begin < times.size(); begin += batch) {
    db.Write([&](Connection& c) {
      for (size_t i = begin; i < std::min(times.size(), begin + batch); ++i) {
        const Id id = ids.NextAt(times[i]);
        const std::string body = "Community update number " + std::to_string(i + 1) + ".";
        c.Prepare(kInsertContent, id, people[anyone(rng)], report.community, times[i]).Run();
        c.Prepare(kInsertPost, id, body, "<p>" + body + "</p>\n").Run();
      }
    });
  }
  report.posts = o.posts;
  return report;
}

}  // namespace agora::seed
