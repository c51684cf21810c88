// The indexer (search/indexer.h) on a real, migrated database (SQLite, and PostgreSQL in the
// PostgreSQL pass): the triggers of migration 0026 queue every change in its transaction,
// the indexer applies them and deletes only what it applied, a rebuild walks every kind;
// and the search box's query language (modules/find/query_language.h).
#include <gtest/gtest.h>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "modules/find/kinds.h"
#include "modules/find/query_language.h"
#include "modules/identity/admin_service.h"
#include "search/indexer.h"
#include "test_support.h"

namespace agora {
namespace {

using identity::Role;

class IndexerTest : public ::testing::Test {
 protected:
  IndexerTest()
      : db_(testing::MigratedDatabase(dir_)), clock_(1'795'000'000'000), ids_(0), hasher_("minimum"),
        admin_(*db_, ids_, clock_, hasher_, &bus_), indexer_(*db_, index_) {
    for (const auto& [name, kind] : kinds_) indexer_.Register(name, kind.source);
  }

  Id Person(const std::string& name, Role role = Role::kMember) {
    return admin_.CreateUser({}, {name.substr(0, name.find(' ')) + "@example.com", name, role, ""})->id;
  }
  Id Post(Id author, const std::string& body, const std::string& audience = "organization") {
    const Id id = ids_.Next();
    db_->Write([&](auto& c) {
      c.Prepare("INSERT INTO content (id, kind, author_id, audience, created_at, language) VALUES (?1, 'post', ?2, ?3, ?4, 'en')",
                id, author, audience, clock_.NowMs())
          .Run();
      c.Prepare("INSERT INTO posts (content_id, body, body_html) VALUES (?1, ?2, '')", id, body).Run();
    });
    return id;
  }
  Id Comment(Id on, Id author, const std::string& body) {
    const Id id = ids_.Next();
    db_->Write([&](auto& c) {
      c.Prepare("INSERT INTO comments (id, content_id, author_id, body, body_html, created_at) VALUES (?1, ?2, ?3, ?4, '', ?5)",
                id, on, author, body, clock_.NowMs())
          .Run();
    });
    return id;
  }
  std::vector<std::string> Find(const std::string& text) {
    search::Query q;
    q.text = text;
    q.languages = {"en"};
    q.reader = {"org", "public"};
    std::vector<std::string> keys;
    for (const auto& h : index_.Search(q).hits) keys.push_back(h.key);
    std::sort(keys.begin(), keys.end());
    return keys;
  }
  static std::string Key(const char* kind, Id id) { return std::string(kind) + ":" + IdToString(id); }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  ManualClock clock_;
  IdGenerator ids_;
  identity::PasswordHasher hasher_;
  bus::Bus bus_;
  identity::AdminService admin_;
  search::Index index_;
  search::Indexer indexer_;
  const find::Kinds kinds_ = find::AllKinds();
};

TEST_F(IndexerTest, EveryChangeIsQueuedInItsTransactionAndApplied) {
  const Id ana = Person("Ana Lindqvist");
  const Id post = Post(ana, "The glacier survey starts on Monday");
  const Id comment = Comment(post, ana, "Bring the glacier boots");
  EXPECT_GE(indexer_.Backlog(), 3);  // the person (and her profile), the post, the comment
  indexer_.DrainAll();
  EXPECT_EQ(indexer_.Backlog(), 0) << "applied rows are deleted";
  EXPECT_EQ(Find("lindqvist"), std::vector<std::string>{Key("person", ana)});
  EXPECT_EQ(Find("glacier"), (std::vector<std::string>{Key("comment", comment), Key("post", post)}));

  // An edit: the old words go, the new ones come.
  db_->Write([&](auto& c) { c.Prepare("UPDATE posts SET body = 'The moraine survey' WHERE content_id = ?1", post).Run(); });
  indexer_.DrainAll();
  EXPECT_EQ(Find("survey"), std::vector<std::string>{Key("post", post)});
  EXPECT_EQ(Find("glacier"), std::vector<std::string>{Key("comment", comment)});

  // A change of audience reaches the comments too (they are read by the post's readers).
  db_->Write([&](auto& c) { c.Prepare("UPDATE content SET audience = 'private' WHERE id = ?1", post).Run(); });
  indexer_.DrainAll();
  EXPECT_EQ(Find("glacier moraine OR boots"), std::vector<std::string>{});

  // Deleting the post deletes its comments (by cascade): both leave the index.
  db_->Write([&](auto& c) { c.Prepare("UPDATE content SET audience = 'organization' WHERE id = ?1", post).Run(); });
  indexer_.DrainAll();
  EXPECT_EQ(Find("boots"), std::vector<std::string>{Key("comment", comment)});
  db_->Write([&](auto& c) { c.Prepare("DELETE FROM content WHERE id = ?1", post).Run(); });
  indexer_.DrainAll();
  EXPECT_EQ(Find("moraine OR boots"), std::vector<std::string>{});

  // Counters change no document and queue nothing.
  const Id other = Post(ana, "Counting reactions");
  indexer_.DrainAll();
  db_->Write([&](auto& c) { c.Prepare("UPDATE content SET reaction_count = 5 WHERE id = ?1", other).Run(); });
  EXPECT_EQ(indexer_.Backlog(), 0);
}

// A failure while applying (a crash, a database error) leaves the rows queued: nothing is
// lost, the next drain applies them.
TEST_F(IndexerTest, RowsStayQueuedUntilTheIndexHasThem) {
  const Id ana = Person("Ana Lindqvist");
  Post(ana, "The tundra expedition");
  bool fail = true;
  search::Index other;
  search::Indexer flaky(*db_, other);
  auto source = kinds_.at("post").source;
  auto load = source.load;
  source.load = [&](store::Connection& c, std::int64_t id) {
    if (fail) throw std::runtime_error("the disk is full");
    return load(c, id);
  };
  flaky.Register("post", source);
  const auto before = indexer_.Backlog();
  EXPECT_THROW(flaky.Drain(), std::runtime_error);
  EXPECT_EQ(indexer_.Backlog(), before);
  fail = false;
  flaky.DrainAll();
  EXPECT_EQ(indexer_.Backlog(), 0);
  search::Query q;
  q.text = "tundra";
  q.reader = {"org"};
  EXPECT_EQ(other.Search(q).hits.size(), 1u);
}

TEST_F(IndexerTest, ARebuildWalksEveryKindAndEmptiesTheQueue) {
  const Id ana = Person("Ana Lindqvist");
  const Id bo = Person("Bo Ek", Role::kGuest);
  const Id post = Post(ana, "The fjord ferry is late", "public");
  EXPECT_TRUE(indexer_.NeedsRebuild());
  std::vector<search::Progress> seen;
  const auto n = indexer_.Rebuild([&](const search::Progress& p) { seen.push_back(p); });
  EXPECT_EQ(n, 3);  // two people and a post
  EXPECT_FALSE(indexer_.NeedsRebuild());
  EXPECT_EQ(indexer_.Backlog(), 0);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().done, seen.back().total);
  EXPECT_EQ(Find("fjord"), std::vector<std::string>{Key("post", post)});
  EXPECT_EQ(Find("ana"), std::vector<std::string>{Key("person", ana)});
  EXPECT_EQ(Find("bo"), std::vector<std::string>{}) << "a guest is not seen by the organization";
  (void)bo;
}

// What the database no longer has leaves the index with a rebuild; `agora restore` asks the
// indexer for one through the queue.
TEST_F(IndexerTest, ARebuildRemovesWhatTheDatabaseNoLongerHas) {
  const Id ana = Person("Ana Lindqvist");
  const Id post = Post(ana, "The fjord ferry is late");
  indexer_.Rebuild();
  index_.Put({"post:42", "post", "en", {{"A fjord that was never written", 1}}, {"org"}, ana, 0, 0});
  index_.Commit();
  EXPECT_EQ(Find("fjord"), (std::vector<std::string>{"post:42", Key("post", post)}));
  db_->Write([&](auto& c) {
    c.Prepare("INSERT INTO search_queue (doc_key) VALUES (?1)", std::string_view(search::Indexer::kRebuildKey)).Run();
  });
  indexer_.DrainAll();
  EXPECT_EQ(Find("fjord"), std::vector<std::string>{Key("post", post)});
  EXPECT_EQ(indexer_.Backlog(), 0);
}

TEST(QueryLanguage, TakesOutItsFiltersAndLeavesTheRest) {
  auto q = find::ParseQuery(R"(from:@ana in:platform "rolling upgrade" -beta kube* tag:#Go kind:people after:2026-01-31)");
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->text, R"("rolling upgrade" -beta kube*)");
  EXPECT_EQ(q->from, std::vector<std::string>{"ana"});
  EXPECT_EQ(q->in, std::vector<std::string>{"platform"});
  EXPECT_EQ(q->tags, std::vector<std::string>{"go"});
  EXPECT_EQ(q->kinds, std::vector<std::string>{"person"});
  EXPECT_EQ(q->after, 1769817600000);  // 2026-01-31T00:00:00Z
  // A colon inside quotes or an unknown operator is text.
  auto text = find::ParseQuery(R"("ratio 16:9" https://example.com)");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->text, R"("ratio 16:9" https://example.com)");
  EXPECT_EQ(find::ParseQuery("kind:spaceship").error().field, "q");
  EXPECT_EQ(find::ParseQuery("before:2026-02-30").error().field, "q");
  EXPECT_EQ(find::ParseDay("2026-03-01T12:00:00Z"), 1772366400000);
}

}  // namespace
}  // namespace agora
