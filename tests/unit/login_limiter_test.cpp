#include "modules/identity/login_limiter.h"

#include <gtest/gtest.h>

namespace agora::identity {
namespace {

// An attempt that is admitted and fails.
void Fail(LoginLimiter& limiter, const LoginAttempt& a) {
  ASSERT_EQ(limiter.Admit(a), 0);
  limiter.Finish(a, false);
}
// Seconds the attempt would wait (an admitted probe is finished as a success of nothing).
int Wait(LoginLimiter& limiter, const LoginAttempt& a) {
  int wait = limiter.Admit(a);
  if (wait == 0) limiter.Finish(a, true);
  return wait;
}

}  // namespace

TEST(LoginLimiter, FreeAttemptsThenGrowingDelay) {
  ManualClock clock(1'000'000);
  LoginLimiter limiter(clock, 3, 100);
  const LoginAttempt ana{"ana", "1.1.1.1", ""};
  for (int i = 0; i < 3; ++i) Fail(limiter, ana);
  Fail(limiter, ana);  // fourth: evaluated, then 1 s
  EXPECT_EQ(limiter.Admit(ana), 1);
  clock.Advance(1000);
  Fail(limiter, ana);  // fifth: 2 s
  EXPECT_EQ(limiter.Admit(ana), 2);
  clock.Advance(2000);
  Fail(limiter, ana);  // sixth: 4 s
  EXPECT_EQ(limiter.Admit(ana), 4);
  EXPECT_EQ(Wait(limiter, {"bob", "2.2.2.2", ""}), 0) << "other accounts and addresses are unaffected";
}

TEST(LoginLimiter, DelayIsCappedAndForgottenAfterAnHour) {
  ManualClock clock(1'000'000);
  LoginLimiter limiter(clock, 1, 1000);
  const LoginAttempt ana{"ana", "1.1.1.1", ""};
  for (int i = 0; i < 40; ++i) {
    Fail(limiter, ana);
    clock.Advance(LoginLimiter::kMaxDelayMs);
  }
  clock.Advance(-LoginLimiter::kMaxDelayMs);
  EXPECT_EQ(limiter.Admit(ana), 15 * 60);
  clock.Advance(LoginLimiter::kForgetAfterMs + 1);
  EXPECT_EQ(Wait(limiter, ana), 0);
}

TEST(LoginLimiter, SuccessClearsTheAccountButNotTheAddress) {
  ManualClock clock(1'000'000);
  LoginLimiter limiter(clock, 2, 2);
  const LoginAttempt ana{"ana", "9.9.9.9", ""};
  Fail(limiter, ana);
  Fail(limiter, ana);
  ASSERT_EQ(limiter.Admit(ana), 0);
  limiter.Finish(ana, true);
  EXPECT_EQ(Wait(limiter, {"ana", "8.8.8.8", ""}), 0) << "the account's count was cleared";
  Fail(limiter, {"carl", "9.9.9.9", ""});  // the address's third failure: 1 s
  EXPECT_GT(limiter.Admit({"dora", "9.9.9.9", ""}), 0) << "a guessing address stays throttled";
}

TEST(LoginLimiter, ParallelGuessesBeyondTheFreeOnesWait) {
  ManualClock clock(1'000'000);
  LoginLimiter limiter(clock, 5, 50);
  const LoginAttempt ana{"ana", "1.1.1.1", ""};
  int admitted = 0;
  for (int i = 0; i < 40; ++i) admitted += limiter.Admit(ana) == 0 ? 1 : 0;
  EXPECT_EQ(admitted, 5);
  for (int i = 0; i < admitted; ++i) limiter.Finish(ana, false);
  EXPECT_EQ(Wait(limiter, ana), 0) << "five failures are free; the sixth attempt runs, alone";
}

TEST(LoginLimiter, ABrowserThatSignedInBeforeIsNotBlockedByItsAddressOrOthersGuesses) {
  ManualClock clock(1'000'000);
  LoginLimiter limiter(clock, 5, 50);
  // Someone behind the office's address sprays 60 accounts, and guesses at Ana's from elsewhere.
  for (int i = 0; i < 60; ++i) {
    const LoginAttempt spray{"person" + std::to_string(i), "198.51.100.7", ""};
    if (limiter.Admit(spray) == 0) limiter.Finish(spray, false);
  }
  for (int i = 0; i < 8; ++i) {
    const LoginAttempt guess{"ana", "203.0.113.1", ""};
    if (limiter.Admit(guess) == 0) limiter.Finish(guess, false);
  }
  EXPECT_GT(limiter.Admit({"bob", "198.51.100.7", ""}), 0) << "a new browser at the address waits";
  EXPECT_GT(limiter.Admit({"ana", "198.51.100.7", ""}), 0) << "so does a new browser for Ana";
  EXPECT_EQ(Wait(limiter, {"ana", "198.51.100.7", "device-of-ana"}), 0) << "Ana's own browser does not";
  // Her browser has a count of its own: guessing from it is throttled like any other.
  const LoginAttempt device{"ana", "198.51.100.7", "device-of-ana"};
  for (int i = 0; i < 6; ++i) Fail(limiter, device);
  EXPECT_GT(limiter.Admit(device), 0);
  EXPECT_EQ(Wait(limiter, {"ana", "198.51.100.7", "another-device-of-ana"}), 0);
}

}  // namespace agora::identity
