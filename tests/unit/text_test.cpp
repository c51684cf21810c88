#include "core/text.h"

#include <gtest/gtest.h>

namespace agora::text {

TEST(Utf8, AcceptsValidAndRejectsInvalid) {
  EXPECT_TRUE(IsValidUtf8("Åsa Öberg, Дмитрий, 日本"));
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));       // truncated
}

TEST(Email, KeyIsCaseInsensitiveAndTrimmed) {
  EXPECT_EQ(EmailKey("  Ana.Berg@Example.COM "), "ana.berg@example.com");
  EXPECT_TRUE(LooksLikeEmail("ana@example.com"));
  for (auto bad : {"ana", "@example.com", "ana@", "ana@example", "a b@example.com", "a@b@example.com", "ana@.com"})
    EXPECT_FALSE(LooksLikeEmail(bad)) << bad;
}

TEST(Lower, FoldsLettersBeyondAscii) {
  EXPECT_EQ(Lower("Åsa ÖBERG"), "åsa öberg");
  EXPECT_EQ(Lower("ДМИТРИЙ"), "дмитрий");
  EXPECT_EQ(Lower("Kubernetes 1.30"), "kubernetes 1.30");
}

TEST(Handle, DerivedFromEmailLocalPart) {
  EXPECT_EQ(HandleFromEmail("Ana.Berg+x@example.com"), "ana.bergx");
  EXPECT_EQ(HandleFromEmail("å@example.com"), "___");
}

}  // namespace agora::text
