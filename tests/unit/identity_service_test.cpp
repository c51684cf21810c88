#include "modules/identity/service.h"

#include <gtest/gtest.h>

#include "modules/audit/store.h"
#include "modules/identity/auth_cache.h"
#include "modules/identity/admin_service.h"
#include "test_support.h"

namespace agora::identity {
namespace {

class IdentityTest : public ::testing::Test {
 protected:
  IdentityTest() : db_(testing::MigratedDatabase(dir_)), clock_(1'795'000'000'000), ids_(0) {
    config_.password_hash = "minimum";
    config_.login_free_attempts = 3;
    bus_.Apply(auth_cache::Apply);
    service_ = std::make_unique<IdentityService>(*db_, ids_, clock_, config_, &bus_);
    admin_ = std::make_unique<AdminService>(*db_, ids_, clock_, service_->hasher(), &bus_);
  }

  User Create(const std::string& email, Role role = Role::kMember, const std::string& password = "password123") {
    auto u = admin_->CreateUser({}, {email, "Person " + email, role, password});
    if (!u) throw std::runtime_error(u.error().message);
    return *u;
  }

  testing::TempDir dir_;
  std::unique_ptr<agora::store::Database> db_;
  ManualClock clock_;
  IdGenerator ids_;
  AuthConfig config_;
  bus::Bus bus_;
  std::unique_ptr<IdentityService> service_;
  std::unique_ptr<AdminService> admin_;
  ClientInfo client_{"127.0.0.1", "test", ""};
};

TEST_F(IdentityTest, SetupCreatesTheFirstAdminOnceWithTheRightToken) {
  EXPECT_TRUE(service_->NeedsSetup());
  auto token = service_->IssueSetupToken();
  ASSERT_TRUE(token);
  auto wrong = service_->CompleteSetup("nope", {"a@example.com", "Ada", Role::kMember, "password123"}, client_);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, ErrorCode::kForbidden);
  auto ok = service_->CompleteSetup(*token, {"a@example.com", "Ada", Role::kMember, "password123"}, client_);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->user.role, Role::kAdmin);
  EXPECT_FALSE(service_->NeedsSetup());
  auto log = db_->Read([&](auto& c) { return audit::ForTarget(c, "user", ok->user.id, 10); });
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].action, "setup.first_admin");
  auto again = service_->CompleteSetup(*token, {"b@example.com", "Bo", Role::kMember, "password123"}, client_);
  EXPECT_FALSE(again);
  EXPECT_FALSE(service_->IssueSetupToken());
}

TEST_F(IdentityTest, EmailIsUniqueCaseInsensitively) {
  Create("ana@example.com");
  auto dup = admin_->CreateUser({}, {"  ANA@Example.COM", "Other Ana", Role::kMember, "password123"});
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  EXPECT_EQ(dup.error().field, "email");
}

TEST_F(IdentityTest, HandlesAreUnique) {
  auto a = Create("ana@example.com");
  auto b = Create("ana@example.org");
  EXPECT_EQ(a.handle, "ana");
  EXPECT_EQ(b.handle, "ana2");
}

TEST_F(IdentityTest, FailToCreateWithInvalidFieldsNamesTheField) {
  EXPECT_EQ(admin_->CreateUser({}, {"not-an-email", "Ana", Role::kMember, ""}).error().field, "email");
  EXPECT_EQ(admin_->CreateUser({}, {"a@example.com", "  ", Role::kMember, ""}).error().field, "display_name");
  EXPECT_EQ(admin_->CreateUser({}, {"a@example.com", "Ana", Role::kMember, "short"}).error().field, "password");
}

TEST_F(IdentityTest, LoginGivesTheSameErrorForUnknownEmailAndWrongPassword) {
  Create("ana@example.com");
  auto unknown = service_->Login("nobody@example.com", "password123", client_);
  auto wrong = service_->Login("ana@example.com", "wrong-password", client_);
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
  auto ok = service_->Login("ANA@example.com", "password123", client_);
  ASSERT_TRUE(ok);
  auto p = service_->AuthenticateSession(ok->cookie_token);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user.email, "ana@example.com");
  EXPECT_EQ(p->csrf_token, ok->csrf_token);
}

TEST_F(IdentityTest, FailToLoginTooOftenIsThrottled) {
  Create("ana@example.com");
  for (int i = 0; i < 4; ++i) (void)service_->Login("ana@example.com", "wrong-password", client_);
  auto limited = service_->Login("ana@example.com", "password123", client_);
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(limited.error().retry_after_seconds, 0);
  clock_.Advance(2000);
  EXPECT_TRUE(service_->Login("ana@example.com", "password123", client_));
}

TEST_F(IdentityTest, ABrowserThatSignedInBeforeStillSignsInWhileItsAddressAndAccountAreThrottled) {
  Create("ana@example.com");
  auto first = service_->Login("ana@example.com", "password123", client_);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->device_token.size(), 43u) << "a device cookie for the browser";
  // Guesses at Ana's account from the same address and a spray of unknown accounts.
  for (int i = 0; i < 8; ++i) (void)service_->Login("ana@example.com", "wrong-password", client_);
  for (int i = 0; i < 60; ++i) (void)service_->Login("x" + std::to_string(i) + "@example.com", "wrong", client_);
  auto stranger = service_->Login("ana@example.com", "password123", client_);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code, ErrorCode::kRateLimited) << "a browser new to the account waits";
  ClientInfo known = client_;
  known.device_token = first->device_token;
  auto again = service_->Login("ana@example.com", "password123", known);
  ASSERT_TRUE(again) << "the browser that signed in before does not";
  EXPECT_EQ(again->device_token, first->device_token);
  ClientInfo forged = client_;
  forged.device_token = std::string(43, 'A');
  EXPECT_FALSE(service_->Login("ana@example.com", "password123", forged)) << "an unknown device cookie earns nothing";
}

TEST_F(IdentityTest, SessionsExpireAndSlide) {
  Create("ana@example.com");
  auto s = *service_->Login("ana@example.com", "password123", client_);
  clock_.Advance(std::int64_t{config_.session_ttl_hours} * 3600 * 1000 - 1000);
  EXPECT_TRUE(service_->AuthenticateSession(s.cookie_token)) << "use extends the session";
  clock_.Advance(std::int64_t{config_.session_ttl_hours} * 3600 * 1000 - 1000);
  EXPECT_TRUE(service_->AuthenticateSession(s.cookie_token));
  clock_.Advance(std::int64_t{config_.session_ttl_hours} * 3600 * 1000 + 1);
  EXPECT_FALSE(service_->AuthenticateSession(s.cookie_token));
}

TEST_F(IdentityTest, TokensAuthenticateUntilRevokedAndRecordLastUse) {
  Create("ana@example.com");
  auto s = *service_->Login("ana@example.com", "password123", client_);
  auto p = *service_->AuthenticateSession(s.cookie_token);
  auto created = service_->CreateToken(p, "ci script");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->second.rfind("agp_", 0), 0u);
  auto via_token = service_->AuthenticateBearer(created->second);
  ASSERT_TRUE(via_token);
  EXPECT_EQ(via_token->kind, CredentialKind::kToken);
  auto listed = service_->ListTokens(p);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].last_used_at, clock_.NowMs());
  ASSERT_TRUE(service_->RevokeToken(p, created->first.id));
  EXPECT_FALSE(service_->AuthenticateBearer(created->second));
  EXPECT_EQ(service_->RevokeToken(p, created->first.id).error().code, ErrorCode::kNotFound);
}

TEST_F(IdentityTest, FailToRevokeSomeoneElsesToken) {
  Create("ana@example.com");
  Create("bob@example.com");
  auto ana = *service_->AuthenticateSession(service_->Login("ana@example.com", "password123", client_)->cookie_token);
  auto bob = *service_->AuthenticateSession(service_->Login("bob@example.com", "password123", client_)->cookie_token);
  auto token = *service_->CreateToken(ana, "mine");
  EXPECT_EQ(service_->RevokeToken(bob, token.first.id).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(service_->AuthenticateBearer(token.second));
}

TEST_F(IdentityTest, PasswordChangeSignsOutOtherSessions) {
  Create("ana@example.com");
  auto first = *service_->Login("ana@example.com", "password123", client_);
  auto second = *service_->Login("ana@example.com", "password123", client_);
  auto p = *service_->AuthenticateSession(first.cookie_token);
  EXPECT_EQ(service_->ChangePassword(p, "wrong", "new-password-1").error().field, "current_password");
  ASSERT_TRUE(service_->ChangePassword(p, "password123", "new-password-1"));
  EXPECT_TRUE(service_->AuthenticateSession(first.cookie_token));
  EXPECT_FALSE(service_->AuthenticateSession(second.cookie_token));
  EXPECT_FALSE(service_->Login("ana@example.com", "password123", client_));
  EXPECT_TRUE(service_->Login("ana@example.com", "new-password-1", client_));
}

TEST_F(IdentityTest, DeactivationEndsSessionsAndTokensAndIsAudited) {
  auto admin = Create("boss@example.com", Role::kAdmin);
  auto ana = Create("ana@example.com");
  auto s = *service_->Login("ana@example.com", "password123", client_);
  auto token = *service_->CreateToken(*service_->AuthenticateSession(s.cookie_token), "t");
  auto changed = admin_->UpdateUser({admin.id, "10.0.0.1"}, ana.id, {.active = false});
  ASSERT_TRUE(changed);
  EXPECT_FALSE(changed->active);
  EXPECT_FALSE(service_->AuthenticateSession(s.cookie_token));
  EXPECT_FALSE(service_->AuthenticateBearer(token.second));
  auto login = service_->Login("ana@example.com", "password123", client_);
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().code, ErrorCode::kForbidden);
  auto log = db_->Read([&](auto& c) { return audit::ForTarget(c, "user", ana.id, 10); });
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log[0].action, "user.deactivate");
  EXPECT_EQ(log[0].actor_id, admin.id);
}

TEST_F(IdentityTest, FailToRemoveTheLastAdmin) {
  auto admin = Create("boss@example.com", Role::kAdmin);
  auto demote = admin_->UpdateUser({admin.id, ""}, admin.id, {.role = Role::kMember});
  ASSERT_FALSE(demote);
  EXPECT_EQ(demote.error().code, ErrorCode::kConflict);
  auto second = Create("deputy@example.com", Role::kAdmin);
  EXPECT_TRUE(admin_->UpdateUser({admin.id, ""}, admin.id, {.role = Role::kMember}));
  auto last = admin_->UpdateUser({second.id, ""}, second.id, {.active = false});
  ASSERT_FALSE(last);
  EXPECT_EQ(last.error().field, "active");
}

TEST_F(IdentityTest, ListUsersPagesWithCursorsAndFilters) {
  for (int i = 0; i < 5; ++i) Create("user" + std::to_string(i) + "@example.com");
  auto page1 = admin_->ListUsers("", 2, {});
  ASSERT_TRUE(page1);
  ASSERT_EQ(page1->items.size(), 2u);
  ASSERT_TRUE(page1->next_cursor);
  EXPECT_EQ(page1->total, 5);
  auto page2 = admin_->ListUsers(*page1->next_cursor, 2, {});
  ASSERT_EQ(page2->items.size(), 2u);
  EXPECT_GT(page2->items[0].id, page1->items[1].id);
  EXPECT_FALSE(page2->total) << "counted on the first page only";
  auto page3 = admin_->ListUsers(*page2->next_cursor, 2, {});
  EXPECT_EQ(page3->items.size(), 1u);
  EXPECT_FALSE(page3->next_cursor);
  auto filtered = admin_->ListUsers("", 20, {.q = "USER3"});
  ASSERT_EQ(filtered->items.size(), 1u);
  EXPECT_EQ(filtered->items[0].email, "user3@example.com");
  EXPECT_EQ(filtered->total, 1);
  EXPECT_FALSE(admin_->ListUsers("garbage!", 2, {}));
}

TEST_F(IdentityTest, ListUsersByRoleStatusAndName) {
  auto zed = Create("zed@example.com", Role::kMember);
  auto ada = Create("ada@example.com", Role::kGuest);
  auto bea = Create("bea@example.com", Role::kMember);
  auto imported = admin_->CreateUser({}, {"imp@example.com", "Person Imported", Role::kMember, ""});
  ASSERT_TRUE(imported);
  ASSERT_TRUE(admin_->UpdateUser({}, bea.id, {.active = false}));

  auto guests = admin_->ListUsers("", 10, {.role = Role::kGuest});
  ASSERT_EQ(guests->items.size(), 1u);
  EXPECT_EQ(guests->items[0].id, ada.id);
  auto off = admin_->ListUsers("", 10, {.status = store::UserStatus::kDeactivated});
  ASSERT_EQ(off->items.size(), 1u);
  EXPECT_EQ(off->items[0].id, bea.id);
  auto waiting = admin_->ListUsers("", 10, {.status = store::UserStatus::kNotActivated});
  ASSERT_EQ(waiting->items.size(), 1u) << "without a password and never signed in through single sign-on";
  EXPECT_EQ(waiting->items[0].id, imported->id);
  auto members = admin_->ListUsers("", 10, {.role = Role::kMember, .status = store::UserStatus::kActive});
  EXPECT_EQ(members->total, 2);  // zed and the imported person

  // By name, page by page: Person ada, bea, Imported, zed.
  std::vector<Id> order;
  std::string cursor;
  do {
    auto page = admin_->ListUsers(cursor, 1, {.sort = store::UserSort::kName});
    ASSERT_TRUE(page);
    for (const auto& u : page->items) order.push_back(u.id);
    cursor = page->next_cursor.value_or("");
  } while (!cursor.empty());
  EXPECT_EQ(order, (std::vector<Id>{ada.id, bea.id, imported->id, zed.id}));
  auto newest = admin_->ListUsers("", 2, {.sort = store::UserSort::kNewest});
  ASSERT_EQ(newest->items.size(), 2u);
  EXPECT_EQ(newest->items[0].id, imported->id);
  auto older = admin_->ListUsers(*newest->next_cursor, 2, {.sort = store::UserSort::kNewest});
  ASSERT_EQ(older->items.size(), 2u);
  EXPECT_EQ(older->items[0].id, ada.id);
}

TEST_F(IdentityTest, ChangesFromAnotherProcessAreSeenWhenTheCacheEntryEnds) {
  Create("ana@example.com");
  auto s = *service_->Login("ana@example.com", "password123", client_);
  ASSERT_TRUE(service_->AuthenticateSession(s.cookie_token));
  // The command line, a separate process, deactivates the account in the database itself.
  db_->Write([](agora::store::Connection& c) { c.Prepare("UPDATE users SET active = 0").Run(); });
  EXPECT_TRUE(service_->AuthenticateSession(s.cookie_token)) << "served from this thread's cache";
  clock_.Advance(auth_cache::kTtlMs);
  EXPECT_FALSE(service_->AuthenticateSession(s.cookie_token));
}

TEST_F(IdentityTest, AnAccountChangeArrivingOnTheBusIsSeenAtOnce) {
  // Another node deactivated the account and published the change: this node's cached
  // credential goes when the event arrives, not when its life ends.
  auto ana = Create("ana@example.com");
  auto s = *service_->Login("ana@example.com", "password123", client_);
  ASSERT_TRUE(service_->AuthenticateSession(s.cookie_token));
  db_->Write([](agora::store::Connection& c) { c.Prepare("UPDATE users SET active = 0").Run(); });
  ASSERT_TRUE(service_->AuthenticateSession(s.cookie_token)) << "served from this thread's cache";
  bus_.Publish({.kind = bus::Event::Kind::kAccessChanged, .people = {ana.id}});
  EXPECT_FALSE(service_->AuthenticateSession(s.cookie_token));
}

TEST_F(IdentityTest, ChangesThroughThisProcessAreSeenAtOnce) {
  auto admin = Create("boss@example.com", Role::kAdmin);
  auto ana = Create("ana@example.com");
  auto s = *service_->Login("ana@example.com", "password123", client_);
  ASSERT_EQ(service_->AuthenticateSession(s.cookie_token)->user.role, Role::kMember);
  ASSERT_TRUE(admin_->UpdateUser({admin.id, ""}, ana.id, {.role = Role::kAlumnus}));
  EXPECT_EQ(service_->AuthenticateSession(s.cookie_token)->user.role, Role::kAlumnus);
}

}  // namespace
}  // namespace agora::identity
