// The in-memory post index must give exactly the feeds SQL gives: for many readers (members,
// guests, alumni), every source (home, person, hashtag), page by page, before and after
// posts are created, re-tagged and deleted through the service.
#include <gtest/gtest.h>

#include <random>

#include "core/clock.h"
#include "modules/feed/service.h"
#include "modules/posts/post_index.h"
#include "modules/posts/json.h"
#include "modules/posts/service.h"

#include <boost/json/parse.hpp>
#include "modules/seed/content.h"
#include "modules/seed/seed.h"
#include "test_support.h"

namespace agora::feed {
namespace {

std::vector<Id> AllPages(FeedService& feed, const content::Viewer& viewer, const Source& source, int limit) {
  std::vector<Id> ids;
  std::string cursor;
  for (int pages = 0; pages < 500; ++pages) {
    auto page = feed.Read(viewer, source, cursor, limit);
    EXPECT_TRUE(page.ok());
    if (!page) break;
    ids.insert(ids.end(), page->ids.begin(), page->ids.end());
    if (!page->next_cursor) break;
    cursor = *page->next_cursor;
  }
  return ids;
}

struct Reader {
  Id id;
  identity::Role role;
};

class FeedIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = testing::MigratedDatabase(dir_);
    seed::SeedOptions org;
    org.people = 300;
    org.min_follows = 5;
    org.max_follows = 40;
    ASSERT_TRUE(seed::SeedOrganization(*db_, ids_, clock_, org).ok());
    seed::ContentOptions posts;
    posts.posts = 3000;
    ASSERT_TRUE(seed::SeedContent(*db_, clock_, posts).ok());
    db_->Write([](store::Connection& c) {
      // A few readers of other roles, and hashtag follows.
      c.ExecScript(
          "UPDATE users SET role = 'guest' WHERE handle IN ('person-7', 'person-8');"
          "UPDATE users SET role = 'alumnus' WHERE handle = 'person-9';"
          "INSERT INTO tag_follows (person_id, tag, created_at) SELECT id, 'kubernetes', 0 FROM users WHERE handle IN ('person-3', 'person-7', 'person-9');"
          "INSERT INTO tag_follows (person_id, tag, created_at) SELECT id, 'rust', 0 FROM users WHERE handle = 'person-3';");
    });
    db_->Read([&](store::Connection& c) {
      for (auto q = c.Prepare("SELECT id, role FROM users ORDER BY id LIMIT 12"); q.Next();)
        readers_.push_back({q.Int(0), *identity::ParseRole(q.TextView(1))});
    });
  }

  void ExpectSameFeeds(FeedService& indexed, FeedService& sql) {
    for (const auto& r : readers_) {
      content::Viewer viewer{r.id, r.role};
      std::vector<Source> sources = {Source{}, Source{Source::Kind::kPerson, readers_[3].id, {}},
                                     Source{Source::Kind::kPerson, r.id, {}}, Source{Source::Kind::kTag, 0, "kubernetes"},
                                     Source{Source::Kind::kTag, 0, "rust"}};
      for (const auto& s : sources)
        for (int limit : {1, 7, 50}) {
          auto a = AllPages(indexed, viewer, s, limit), b = AllPages(sql, viewer, s, limit);
          ASSERT_EQ(a, b) << "reader " << r.id << " source " << static_cast<int>(s.kind) << s.tag << " limit " << limit;
        }
    }
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  SystemClock clock_;
  IdGenerator ids_{1};
  std::vector<Reader> readers_;
};

TEST_F(FeedIndexTest, AnswersLikeSqlBeforeAndAfterChanges) {
  posts::PostIndex index(*db_);
  index.Build();
  ASSERT_TRUE(index.Ready());
  EXPECT_EQ(index.posts(), 3000u);
  bus::Bus events;
  events.Apply([&index](const bus::Event& e) { index.Apply(e); });
  posts::PostService posts(*db_, ids_, clock_, &events);
  FeedService indexed(*db_, clock_, posts, &index), sql(*db_, clock_, posts, nullptr);
  ExpectSameFeeds(indexed, sql);

  // Changes through the service keep the index exact: it follows their events.
  auto principal = [&](const Reader& r) {
    identity::Principal p;
    p.user.id = r.id;
    p.user.role = r.role;
    p.kind = identity::CredentialKind::kToken;
    return p;
  };
  auto author = principal(readers_[3]);
  posts::NewPost a;
  a.body = "new on #kubernetes and #rust";
  auto created = posts.Create(author, a);
  ASSERT_TRUE(created.ok());
  posts::NewPost b;
  b.body = "only for two";
  b.audience = content::Audience::kRestricted;
  b.people = {readers_[7].id, readers_[1].id};
  auto restricted = posts.Create(author, b);
  ASSERT_TRUE(restricted.ok()) << restricted.error().message;
  ASSERT_TRUE(posts.Edit(author, created->post.head.id, "now only #rust").ok());
  Id victim = 0;
  db_->Read([&](store::Connection& c) {
    auto q = c.Prepare("SELECT c.id FROM content c JOIN content_tags t ON t.content_id = c.id WHERE t.tag = 'kubernetes' LIMIT 1");
    if (q.Next()) victim = q.Int(0);
  });
  ASSERT_NE(victim, 0);
  identity::Principal admin;
  admin.user.id = readers_[0].id;
  admin.user.role = identity::Role::kAdmin;
  ASSERT_TRUE(posts.Delete(admin, victim, "").ok());
  ExpectSameFeeds(indexed, sql);
}

// Feed items come from the post cache; they must be what PostJson renders for that reader.
TEST_F(FeedIndexTest, CachedItemsEqualTheFullRendering) {
  posts::PostCache cache(clock_);
  bus::Bus events;
  events.Apply([&cache](const bus::Event& e) { cache.Apply(e); });
  posts::PostService posts(*db_, ids_, clock_, &events, &cache);
  std::vector<Id> sample;
  db_->Read([&](store::Connection& c) {
    for (auto q = c.Prepare("SELECT id FROM content ORDER BY id DESC LIMIT 60"); q.Next();) sample.push_back(q.Int(0));
  });
  identity::Principal author;
  author.user.id = readers_[2].id;
  posts::NewPost mine;
  mine.body = "to @person-1 and @person-7 only";
  mine.audience = content::Audience::kRestricted;
  mine.people = {readers_[1].id, readers_[7].id};
  auto created = posts.Create(author, mine);
  ASSERT_TRUE(created.ok());
  sample.push_back(created->post.head.id);
  for (int round = 0; round < 2; ++round) {  // a cold cache, then a warm one
    for (const auto& r : readers_) {
      content::Viewer viewer{r.id, r.role};
      db_->Read([&](store::Connection& c) {
        auto full = posts.Views(c, viewer, sample);
        auto fast = posts.RenderItems(c, viewer, sample);
        ASSERT_EQ(full.size(), fast.size()) << "reader " << r.id;
        for (size_t i = 0; i < full.size(); ++i)
          EXPECT_EQ(boost::json::value(posts::json::PostJson(full[i], viewer)), boost::json::parse(fast[i])) << fast[i];
      });
    }
  }
}

TEST(PostIndex, ChangesDuringTheBuildAreKept) {
  testing::TempDir dir;
  auto db = testing::MigratedDatabase(dir);
  posts::PostIndex index(*db);
  index.StartBuilding();
  index.Added({5, 1, content::Audience::kPublic}, {"x"});  // may land before or after the load
  index.Added({3, 1, content::Audience::kPublic}, {});
  for (int i = 0; i < 200 && !index.Ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_TRUE(index.Ready());
  auto all = index.Merge({1}, {"x"}, {}, {}, INT64_MAX, 10, [](const auto&, Id) { return true; });
  ASSERT_EQ(all.entries.size(), 2u);
  EXPECT_EQ(all.entries[0].id, 5);
  EXPECT_EQ(all.entries[1].id, 3);
}

}  // namespace
}  // namespace agora::feed
