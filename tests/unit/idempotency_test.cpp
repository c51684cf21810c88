#include "modules/idempotency/service.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace agora::idempotency {

class IdempotencyTest : public ::testing::Test {
 protected:
  IdempotencyTest() : db_(testing::MigratedDatabase(dir_)), clock_(1'795'000'000'000), service_(*db_, clock_) {}
  testing::TempDir dir_;
  std::unique_ptr<agora::store::Database> db_;
  ManualClock clock_;
  IdempotencyService service_;
};

TEST_F(IdempotencyTest, FirstRequestProceedsAndRetriesReplay) {
  auto first = service_.Begin(1, "k", "POST /x", "hash");
  ASSERT_TRUE(first);
  EXPECT_FALSE(*first);
  service_.Finish(1, "k", {201, "{\"id\":\"5\"}", "/x/5"});
  auto retry = service_.Begin(1, "k", "POST /x", "hash");
  ASSERT_TRUE(retry);
  ASSERT_TRUE(*retry);
  EXPECT_EQ((*retry)->status, 201);
  EXPECT_EQ((*retry)->body, "{\"id\":\"5\"}");
  EXPECT_EQ((*retry)->location, "/x/5");
}

TEST_F(IdempotencyTest, FailWhenTheKeyIsReusedForAnotherRequest) {
  ASSERT_TRUE(service_.Begin(1, "k", "POST /x", "hash"));
  service_.Finish(1, "k", {201, "{}", ""});
  auto other = service_.Begin(1, "k", "POST /x", "other-hash");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidField);
  EXPECT_EQ(other.error().field, "Idempotency-Key");
}

TEST_F(IdempotencyTest, FailWhileTheFirstRequestIsStillRunning) {
  ASSERT_TRUE(service_.Begin(1, "k", "POST /x", "hash"));
  auto concurrent = service_.Begin(1, "k", "POST /x", "hash");
  ASSERT_FALSE(concurrent);
  EXPECT_EQ(concurrent.error().code, ErrorCode::kConflict);
}

TEST_F(IdempotencyTest, KeysArePerPersonAbandonableAndExpire) {
  ASSERT_FALSE(*service_.Begin(1, "k", "POST /x", "hash"));
  EXPECT_FALSE(*service_.Begin(2, "k", "POST /x", "hash")) << "another person's key is theirs";
  service_.Abandon(1, "k");
  EXPECT_FALSE(*service_.Begin(1, "k", "POST /x", "hash")) << "after a server error the retry runs";
  service_.Finish(1, "k", {201, "{}", ""});
  clock_.Advance(IdempotencyService::kKeepMs + 1);
  EXPECT_FALSE(*service_.Begin(1, "k", "POST /x", "other")) << "an expired key is free again";
}

TEST(IdempotencyKey, MustBeVisibleAscii) {
  EXPECT_TRUE(IdempotencyService::ValidateKey("3f2a-11ee-b962"));
  EXPECT_FALSE(IdempotencyService::ValidateKey(""));
  EXPECT_FALSE(IdempotencyService::ValidateKey("has space"));
  EXPECT_FALSE(IdempotencyService::ValidateKey(std::string(256, 'a')));
}

}  // namespace agora::idempotency
