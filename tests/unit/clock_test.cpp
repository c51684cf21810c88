#include "core/clock.h"

#include <gtest/gtest.h>

namespace agora {

TEST(Rfc3339, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(1'795'432'282'123), "2026-11-23T11:11:22.123Z");
}

TEST(Rfc3339, ParsesWhatItFormats) {
  for (std::int64_t ms : {0LL, 1'577'836'800'000LL, 1'795'432'282'123LL, 951'782'400'999LL})
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(ms)), ms);
}

TEST(Rfc3339, AppliesOffsetsAndFractions) {
  EXPECT_EQ(ParseRfc3339("2026-11-23T12:11:22+01:00"), 1'795'432'282'000);
  EXPECT_EQ(ParseRfc3339("2026-11-23T11:11:22.5Z"), 1'795'432'282'500);
}

TEST(Rfc3339, RejectsMalformedText) {
  for (auto bad : {"", "2026-11-23", "2026-11-23T11:11:22", "2026-13-01T00:00:00Z", "2026-11-23T11:11:22Zjunk",
                   "2026-11-23T11:11:22.Z"})
    EXPECT_FALSE(ParseRfc3339(bad)) << bad;
}

TEST(HttpDate, MatchesRfc9110) { EXPECT_EQ(FormatHttpDate(1'795'432'282), "Mon, 23 Nov 2026 11:11:22 GMT"); }

TEST(HttpDate, ReadsBackWhatItWrites) {
  EXPECT_EQ(ParseHttpDate("Mon, 23 Nov 2026 11:11:22 GMT"), 1'795'432'282);
  EXPECT_EQ(ParseHttpDate(FormatHttpDate(0)), 0);
  for (auto bad : {"", "Mon, 23 Nov 2026 11:11:22", "Monday, 23-Nov-26 11:11:22 GMT", "Mon, 23 Nov 2026 11:11:22 GMTx",
                   "Mon, 32 Nov 2026 11:11:22 GMT"})
    EXPECT_FALSE(ParseHttpDate(bad)) << bad;
}

}  // namespace agora
