#include <gtest/gtest.h>

#include "core/name_words.h"
#include "modules/audit/store.h"
#include "modules/identity/admin_service.h"
#include "modules/people/policy.h"
#include "modules/people/service.h"
#include "modules/people/json.h"
#include "modules/people/name_index.h"

#include <boost/json/parse.hpp>
#include "modules/people/store.h"
#include "core/text.h"
#include "core/collation.h"
#include "test_support.h"

namespace agora::people {
namespace {

using identity::Principal;
using identity::Role;
using identity::User;

Principal As(Id id, Role role) {
  Principal p;
  p.user.id = id;
  p.user.role = role;
  return p;
}

User Subject(Id id, Role role, bool active = true) {
  User u;
  u.id = id;
  u.role = role;
  u.active = active;
  return u;
}

TEST(ProfilePolicy, MatrixOfViewerAndSubjectRoles) {
  struct Case {
    Role viewer;
    Role subject;
    bool active;
    bool visible;
  };
  for (const auto& c : {Case{Role::kMember, Role::kMember, true, true}, Case{Role::kMember, Role::kAlumnus, true, true},
                        Case{Role::kMember, Role::kAdmin, true, true}, Case{Role::kMember, Role::kGuest, true, false},
                        Case{Role::kMember, Role::kMember, false, false}, Case{Role::kGuest, Role::kMember, true, false},
                        Case{Role::kAlumnus, Role::kMember, true, false}, Case{Role::kAdmin, Role::kGuest, true, true},
                        Case{Role::kAdmin, Role::kMember, false, true}}) {
    EXPECT_EQ(CanSeeProfile(As(1, c.viewer), Subject(2, c.subject, c.active)), c.visible)
        << identity::RoleName(c.viewer) << " -> " << identity::RoleName(c.subject) << (c.active ? "" : " (inactive)");
  }
  EXPECT_TRUE(CanSeeProfile(As(3, Role::kGuest), Subject(3, Role::kGuest))) << "everyone sees themselves";
}

TEST(ProfilePolicy, PrivateFieldsOnlyForThePersonAndAdmins) {
  auto subject = Subject(2, Role::kMember);
  EXPECT_FALSE(CanSeeField(As(1, Role::kMember), subject, Visibility::kPrivate));
  EXPECT_TRUE(CanSeeField(As(1, Role::kMember), subject, Visibility::kMembers));
  EXPECT_TRUE(CanSeeField(As(2, Role::kMember), subject, Visibility::kPrivate));
  EXPECT_TRUE(CanSeeField(As(9, Role::kAdmin), subject, Visibility::kPrivate));
  EXPECT_FALSE(CanSeeField(As(1, Role::kGuest), subject, Visibility::kMembers));
}

TEST(ExpertiseTags, AreNormalizedOrRefused) {
  EXPECT_EQ(*NormalizeTag("  Kubernetes "), "kubernetes");
  EXPECT_EQ(*NormalizeTag("ÅSA"), "åsa");
  for (const std::string& bad : {std::string(), std::string("   "), std::string("a,b"), std::string("a;b"),
                                 std::string("c#"), std::string(51, 'x')})
    EXPECT_FALSE(NormalizeTag(bad)) << bad;
}

class PeopleServiceTest : public ::testing::Test {
 protected:
  PeopleServiceTest()
      : db_(testing::MigratedDatabase(dir_)), clock_(1'795'000'000'000), ids_(0), hasher_("minimum"),
        admin_(*db_, ids_, clock_, hasher_, &bus_), people_(*db_, ids_, clock_, &bus_) {
    bus_.Apply([this](const bus::Event& e) { people_.Apply(e); });
  }

  Principal Make(const std::string& email, Role role) {
    auto u = admin_.CreateUser({}, {email, email, role, ""});
    Principal p;
    p.user = *u;
    return p;
  }

  testing::TempDir dir_;
  std::unique_ptr<agora::store::Database> db_;
  ManualClock clock_;
  IdGenerator ids_;
  identity::PasswordHasher hasher_;
  bus::Bus bus_;
  identity::AdminService admin_;
  PeopleService people_;
};

TEST_F(PeopleServiceTest, FailToCloseALoopInTheReportingLine) {
  auto boss = Make("boss@example.com", Role::kAdmin);
  auto a = Make("a@example.com", Role::kMember);
  auto b = Make("b@example.com", Role::kMember);
  auto c = Make("c@example.com", Role::kMember);
  ASSERT_TRUE(people_.Update(boss, b.user.id, {.manager_id = std::optional<Id>(a.user.id)}));
  ASSERT_TRUE(people_.Update(boss, c.user.id, {.manager_id = std::optional<Id>(b.user.id)}));
  auto loop = people_.Update(boss, a.user.id, {.manager_id = std::optional<Id>(c.user.id)});
  ASSERT_FALSE(loop);
  EXPECT_EQ(loop.error().field, "manager_id");
  auto chain = people_.Managers(a, c.user.id);
  ASSERT_TRUE(chain);
  ASSERT_EQ(chain->size(), 2u);
  EXPECT_EQ((*chain)[0].id, b.user.id);
  EXPECT_EQ((*chain)[1].id, a.user.id);
}

TEST_F(PeopleServiceTest, FailToEditSomeoneElseOrTheManagerWithoutAdmin) {
  auto a = Make("a@example.com", Role::kMember);
  auto b = Make("b@example.com", Role::kMember);
  EXPECT_EQ(people_.Update(a, b.user.id, {.title = "CEO"}).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(people_.Update(a, a.user.id, {.manager_id = std::optional<Id>(b.user.id)}).error().code,
            ErrorCode::kForbidden);
  auto ok = people_.Update(a, a.user.id, {.title = "  Engineer "});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->profile.title, "Engineer");
}

TEST_F(PeopleServiceTest, AnAdminsEditOfSomeoneElseIsAudited) {
  auto boss = Make("boss@example.com", Role::kAdmin);
  auto a = Make("a@example.com", Role::kMember);
  ASSERT_TRUE(people_.Update(a, a.user.id, {.title = "Own edit"}));
  ASSERT_TRUE(people_.Update(boss, a.user.id, {.manager_id = std::optional<Id>(boss.user.id)}));
  auto log = db_->Read([&](auto& c) { return audit::ForTarget(c, "user", a.user.id, 10); });
  ASSERT_EQ(log.size(), 2u) << "creation and the admin's edit; the person's own edit is not an admin action";
  EXPECT_EQ(log[0].action, "profile.update");
  EXPECT_EQ(log[0].actor_id, boss.user.id);
  EXPECT_NE(log[0].detail.find(IdToString(boss.user.id)), std::string::npos);
}

}  // namespace
}  // namespace agora::people

namespace agora::people {
namespace {

// The two plans of a name search (start from the full-text matches and sort them, or walk
// the name index and test each name) must give the same pages, in every sort order.
TEST_F(PeopleServiceTest, BothNameSearchPlansGiveTheSamePages) {
  const char* names[] = {"Anders Berg", "Åsa Öberg", "Maria Ana López", "Ana María Ortiz", "Anna-Lena Andersson",
                         "Дмитрий Иванов", "Иван Андреев", "佐藤 健", "Annika Zetterberg", "Bo Anker",
                         "Ærlig Ansgar", "Ñandú Núñez", "Zoe Anand", "Andrés Nieto", "Ann Ann"};
  int n = 0;
  for (const char* name : names)
    for (int copy = 0; copy < 3; ++copy)
      ASSERT_TRUE(admin_.CreateUser({}, {"p" + std::to_string(n++) + "@example.com", name, Role::kMember, ""}));
  for (const char* q : {"an", "AN", "an be", "ив", "а", "佐", "ann", "zz", "ñ", "ande and", "asa", "oeb", "ivanov"}) {
    for (const auto& order : collation::kOrders) {
      std::vector<Id> pages[2];
      for (int plan = 0; plan < 2; ++plan) {
        store::DirectoryQuery d;
        d.words = text::SearchableQuery(q);
        d.match = NameMatchExpression(d.words);
        d.order = std::string(order.name);
        d.limit = 4;
        d.few_matches = plan == 0 ? 0 : 1'000'000;
        for (int guard = 0; guard < 100; ++guard) {
          auto page = db_->Read([&](auto& c) { return store::Directory(c, d, ListFilter{}); });
          for (const auto& card : page) pages[plan].push_back(card.id);
          if (static_cast<int>(page.size()) < d.limit) break;
          d.after_name = page.back().display_name;
          d.after_id = page.back().id;
        }
      }
      EXPECT_EQ(pages[0], pages[1]) << "q=" << q << " order=" << order.name;
      if (std::string_view(q) == "an") {
        EXPECT_GE(pages[0].size(), 30u);
      }
    }
  }
}

// The in-memory name index answers exactly as SQL does (the walk plan), page by page, in
// every order and visibility, also after names, roles and states change underneath it.
TEST_F(PeopleServiceTest, NameIndexAnswersLikeSql) {
  const char* names[] = {"Anders Berg", "Åsa Öberg", "Maria Ana López", "Ana María Ortiz", "Anna-Lena Andersson",
                         "Дмитрий Иванов", "Иван Андреев", "佐藤 健", "Annika Zetterberg", "Bo Anker",
                         "Ærlig Ansgar", "Ñandú Núñez", "Zoe Anand", "Andrés Nieto", "Ann Ann"};
  std::vector<Id> ids;
  int n = 0;
  for (const char* name : names)
    for (int copy = 0; copy < 3; ++copy) {
      auto u = admin_.CreateUser({}, {"p" + std::to_string(n++) + "@example.com", name, Role::kMember, ""});
      ASSERT_TRUE(u);
      ids.push_back(u->id);
    }
  NameIndex index(*db_);
  index.Build();
  ASSERT_TRUE(index.ready());

  auto compare_all = [&](const char* when) {
    for (const char* q : {"an", "AN", "an be", "ив", "佐", "ann", "zz", "ñ", "ande and", "zz an"}) {
      for (const auto& order : collation::kOrders) {
        for (ListFilter f : {ListFilter{}, ListFilter{true, true}}) {
          std::vector<Id> by_sql, by_memory;
          store::DirectoryQuery d;
          d.words = text::SearchableQuery(q);
          d.match = NameMatchExpression(d.words);
          d.order = std::string(order.name);
          d.limit = 4;
          d.few_matches = 0;
          for (int guard = 0; guard < 100; ++guard) {
            auto page = db_->Read([&](auto& c) { return store::Directory(c, d, f); });
            for (const auto& card : page) by_sql.push_back(card.id);
            if (static_cast<int>(page.size()) < d.limit) break;
            d.after_name = page.back().display_name;
            d.after_id = page.back().id;
          }
          std::string after_name;
          Id after_id = 0;
          for (int guard = 0; guard < 100; ++guard) {
            auto page = index.Search(text::FoldedWords(text::SearchableQuery(q)), order.name, after_name, after_id, 4, f);
            ASSERT_TRUE(page);
            by_memory.insert(by_memory.end(), page->begin(), page->end());
            if (page->size() < 4) break;
            after_id = page->back();
            after_name = db_->Read([&](auto& c) { return store::LoadCard(c, after_id)->display_name; });
          }
          EXPECT_EQ(by_memory, by_sql) << when << ": q=" << q << " order=" << order.name << " all=" << f.include_guests;
        }
      }
    }
  };
  compare_all("as built");
  // Changes through the database (as another process would make them) show at once.
  ASSERT_TRUE(admin_.UpdateUser({}, ids[0], {.display_name = std::string("Zander Anberg")}));
  ASSERT_TRUE(admin_.UpdateUser({}, ids[1], {.active = false}));
  ASSERT_TRUE(admin_.UpdateUser({}, ids[2], {.role = Role::kGuest}));
  ASSERT_TRUE(admin_.CreateUser({}, {"late@example.com", "Anneli Late", Role::kMember, ""}));
  compare_all("after changes");
  // Enough new names that the recent ones are sorted in (compaction), then rename again.
  db_->Write([&](agora::store::Connection& c) {
    for (int i = 0; i < 4200; ++i) {
      std::string name = (i % 2 ? "Ansel Bulk " : "Zed Bulk ") + std::to_string(i);
      c.Prepare("INSERT INTO users (id, email, email_key, handle, display_name, role, active, created_at, updated_at,"
                " name_words) VALUES (?, ?, ?, ?, ?, 'member', 1, 0, 0, ?)",
                ids_.Next(), "bulk" + std::to_string(i) + "@example.com", "bulk" + std::to_string(i) + "@example.com",
                "bulk-" + std::to_string(i), name, text::SearchableName(name))
          .Run();
    }
  });
  ASSERT_TRUE(admin_.UpdateUser({}, ids[3], {.display_name = std::string("Anders Berg")}));
  compare_all("after compaction");
  auto found = index.Search(text::FoldedWords("zander"), "root", "", 0, 10, ListFilter{});
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, std::vector<Id>{ids[0]});
}

// The member fast path writes the same JSON as the full rendering, and notices changes.
TEST_F(PeopleServiceTest, MemberProfileBodyEqualsTheFullRendering) {
  auto ana = Make("ana@example.com", Role::kMember);
  auto bo = Make("bo@example.com", Role::kMember);
  ASSERT_TRUE(people_.Update(ana, ana.user.id, {.title = std::string("Engineer"), .phone = std::string("+46 1"),
                                                .expertise = std::vector<std::string>{"go", "rust"}}));
  ASSERT_TRUE(people_.Follow(bo, ana.user.id));
  ASSERT_TRUE(people_.Endorse(bo, ana.user.id, "go"));
  auto check = [&](const char* when) -> boost::json::value {
    auto view = people_.Get(bo, IdToString(ana.user.id));
    if (!view) {
      ADD_FAILURE() << when << ": " << view.error().message;
      return nullptr;
    }
    auto fast = boost::json::parse(json::ProfileBody(*view, bo));
    EXPECT_EQ(fast, boost::json::value(json::ProfileJson(*view, bo))) << when;
    // Twice: the second comes from the memo.
    EXPECT_EQ(boost::json::parse(json::ProfileBody(*view, bo)), fast) << when;
    return fast;
  };
  auto first = check("first read");
  EXPECT_EQ(first.at("followed_by_me"), true);
  EXPECT_EQ(first.at("endorsements").at(0).at("endorsed_by_me"), true);
  ASSERT_TRUE(admin_.UpdateUser({}, ana.user.id, {.display_name = std::string("Ana Renamed")}));
  ASSERT_TRUE(people_.Unfollow(bo, ana.user.id));
  auto second = check("after a rename and an unfollow");
  EXPECT_EQ(second.at("display_name"), "Ana Renamed");
  EXPECT_EQ(second.at("followed_by_me"), false);
}

// A profile read a moment ago is served from memory (viewed_cache.h). A change through
// this process is seen at once (its event drops the entry); one made by a process with no
// bus to this one, within the entry's life.
TEST_F(PeopleServiceTest, ARepeatedProfileReadFollowsChanges) {
  auto boss = Make("boss@example.com", Role::kAdmin);
  auto ana = Make("ana@example.com", Role::kMember);
  auto bo = Make("bo@example.com", Role::kMember);
  auto cy = Make("cy@example.com", Role::kMember);
  ASSERT_TRUE(people_.Get(bo, IdToString(ana.user.id)));
  ASSERT_TRUE(admin_.UpdateUser({boss.user.id, ""}, ana.user.id, {.active = false}));
  EXPECT_FALSE(people_.Get(bo, IdToString(ana.user.id))) << "deactivated through this process";

  ASSERT_TRUE(people_.Get(bo, IdToString(cy.user.id)));
  db_->Write([&](agora::store::Connection& c) { c.Prepare("UPDATE users SET active = 0 WHERE id = ?1", cy.user.id).Run(); });
  EXPECT_TRUE(people_.Get(bo, IdToString(cy.user.id))) << "another process: served from memory";
  clock_.Advance(ViewedCache::kTtlMs);
  EXPECT_FALSE(people_.Get(bo, IdToString(cy.user.id))) << "another process: seen when the entry's life ends";
}

// Another node follows someone and publishes the change: this node's cached profile (its
// follower count) follows the event when it arrives, not when its time-to-live ends.
TEST_F(PeopleServiceTest, CachedProfilesFollowEventsFromOtherNodes) {
  auto ana = Make("ana@example.com", Role::kMember);
  auto bo = Make("bo@example.com", Role::kMember);
  ASSERT_EQ(people_.Get(bo, IdToString(ana.user.id))->profile.followers, 0);
  db_->Write([&](agora::store::Connection& c) { store::Follow(c, bo.user.id, ana.user.id, clock_.NowMs()); });
  EXPECT_EQ(people_.Get(bo, IdToString(ana.user.id))->profile.followers, 0) << "served from the cache";
  bus_.Publish({.kind = bus::Event::Kind::kFollowsChanged, .actor = bo.user.id, .people = {ana.user.id}});
  EXPECT_EQ(people_.Get(bo, IdToString(ana.user.id))->profile.followers, 1);
}

}  // namespace
}  // namespace agora::people
