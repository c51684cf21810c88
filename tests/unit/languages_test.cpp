#include "core/languages.h"

#include <gtest/gtest.h>

namespace agora::languages {
namespace {

TEST(Languages, EightAreSupportedAndEnglishIsTheSource) {
  EXPECT_EQ(kAll.size(), 8u);
  for (auto code : {"en", "sv", "nb", "ru", "bg", "de", "fr", "es"}) EXPECT_TRUE(IsSupported(code)) << code;
  EXPECT_FALSE(IsSupported("no"));
  EXPECT_FALSE(IsSupported("EN"));
  EXPECT_FALSE(IsSupported(""));
  EXPECT_TRUE(IsSupported(kSource));
  EXPECT_TRUE(CheckSupported("bg"));
  auto refused = CheckSupported("fi");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "language");
  EXPECT_EQ(refused.error().message, "language is one of en, sv, nb, ru, bg, de, fr, es");
}

TEST(Languages, TagsMatchTheirLanguage) {
  EXPECT_EQ(Match("sv-SE"), "sv");
  EXPECT_EQ(Match("EN-gb"), "en");
  EXPECT_EQ(Match("de_AT"), "de");
  EXPECT_EQ(Match("no"), "nb") << "Norwegian readers get Bokmål";
  EXPECT_EQ(Match("nn-NO"), "nb");
  EXPECT_EQ(Match("nb"), "nb");
  EXPECT_EQ(Match("bg"), "bg");
  EXPECT_EQ(Match("fi"), "");
  EXPECT_EQ(Match("*"), "");
  EXPECT_EQ(Match(""), "");
}

TEST(Languages, AcceptLanguagePicksTheBestSupportedOne) {
  EXPECT_EQ(FromAcceptLanguage("da, sv;q=0.8, en;q=0.5", "en"), "sv") << "Danish is not spoken here: the next one";
  EXPECT_EQ(FromAcceptLanguage("en;q=0.5, ru;q=0.9", "en"), "ru") << "by quality, not by place";
  EXPECT_EQ(FromAcceptLanguage("fr-CA,fr;q=0.9", "en"), "fr");
  EXPECT_EQ(FromAcceptLanguage("de;q=0, es", "en"), "es");
  EXPECT_EQ(FromAcceptLanguage("de;q=0", "bg"), "bg") << "q=0 means not this one";
  EXPECT_EQ(FromAcceptLanguage("fi, ja", "nb"), "nb") << "none supported: the site's default";
  EXPECT_EQ(FromAcceptLanguage("", "sv"), "sv");
  EXPECT_EQ(FromAcceptLanguage(",,;q=,sv;q=abc", "en"), "en") << "nonsense quality counts as 0";
  EXPECT_EQ(FromAcceptLanguage("nb-NO, en;q=0.9", "en"), "nb");
}

}  // namespace
}  // namespace agora::languages
