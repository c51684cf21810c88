#include "modules/identity/login_limiter.h"

#include <gtest/gtest.h>

namespace agora::identity {

TEST(LoginLimiter, FreeAttemptsThenGrowingDelay) {
  ManualClock clock(1'000'000);
  LoginLimiter limiter(clock, 3, 100);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.SecondsUntilAllowed("ana", "1.1.1.1"), 0);
    limiter.RecordFailure("ana", "1.1.1.1");
  }
  EXPECT_EQ(limiter.SecondsUntilAllowed("ana", "1.1.1.1"), 0);  // three free failures so far
  limiter.RecordFailure("ana", "1.1.1.1");                        // fourth: 1 s
  EXPECT_EQ(limiter.SecondsUntilAllowed("ana", "1.1.1.1"), 1);
  clock.Advance(1000);
  limiter.RecordFailure("ana", "1.1.1.1");  // fifth: 2 s
  EXPECT_EQ(limiter.SecondsUntilAllowed("ana", "1.1.1.1"), 2);
  clock.Advance(2000);
  limiter.RecordFailure("ana", "1.1.1.1");  // sixth: 4 s
  EXPECT_EQ(limiter.SecondsUntilAllowed("ana", "1.1.1.1"), 4);
  EXPECT_EQ(limiter.SecondsUntilAllowed("bob", "2.2.2.2"), 0) << "other accounts and addresses are unaffected";
}

TEST(LoginLimiter, DelayIsCappedAndForgottenAfterAnHour) {
  ManualClock clock(1'000'000);
  LoginLimiter limiter(clock, 1, 1000);
  for (int i = 0; i < 40; ++i) limiter.RecordFailure("ana", "1.1.1.1");
  EXPECT_EQ(limiter.SecondsUntilAllowed("ana", "1.1.1.1"), 15 * 60);
  clock.Advance(LoginLimiter::kForgetAfterMs + 1);
  EXPECT_EQ(limiter.SecondsUntilAllowed("ana", "1.1.1.1"), 0);
}

TEST(LoginLimiter, SuccessClearsTheAccountButNotTheAddress) {
  ManualClock clock(1'000'000);
  LoginLimiter limiter(clock, 1, 2);
  limiter.RecordFailure("ana", "9.9.9.9");
  limiter.RecordFailure("ana", "9.9.9.9");
  limiter.RecordFailure("ana", "9.9.9.9");
  limiter.RecordSuccess("ana");
  EXPECT_GT(limiter.SecondsUntilAllowed("carl", "9.9.9.9"), 0) << "a guessing address stays throttled";
  EXPECT_EQ(limiter.SecondsUntilAllowed("ana", "8.8.8.8"), 0);
}

}  // namespace agora::identity
