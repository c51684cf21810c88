#include "core/cursor.h"

#include <gtest/gtest.h>

namespace agora {

TEST(Cursor, RoundTrips) {
  auto text = EncodeCursor({"Åsa:Berg", 42});
  auto c = DecodeCursor(text);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, 42);
  EXPECT_EQ(c->key, "Åsa:Berg");
}

TEST(Cursor, RejectsForgedOrDamagedText) {
  for (auto bad : {"", "!!!", "djE6", "bm9wZQ", "djE6eHl6Og"}) {
    auto c = DecodeCursor(bad);
    ASSERT_FALSE(c) << bad;
    EXPECT_EQ(c.error().field, "cursor");
  }
}

TEST(Limit, DefaultsAndBounds) {
  EXPECT_EQ(*ParseLimit(""), kDefaultPageSize);
  EXPECT_EQ(*ParseLimit("100"), 100);
  EXPECT_FALSE(ParseLimit("0"));
  EXPECT_FALSE(ParseLimit("101"));
  EXPECT_FALSE(ParseLimit("ten"));
}

}  // namespace agora
