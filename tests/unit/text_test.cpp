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
  EXPECT_EQ(HandleFromEmail("1234@example.com"), "u1234") << "never digits alone";
}

TEST(Handle, DigitsAloneReadAsAnId) {
  EXPECT_TRUE(ReadsAsId("915202108720939008"));
  EXPECT_TRUE(ReadsAsId("007"));
  EXPECT_FALSE(ReadsAsId("u007"));
  EXPECT_FALSE(ReadsAsId("1.5"));
  EXPECT_FALSE(ReadsAsId(""));
}

}  // namespace agora::text

namespace agora::text {
namespace {

TEST(Words, SplitLikeTheFullTextTokenizerAndFoldCase) {
  EXPECT_EQ(FoldedWords("Maria-José  O'Brien"), (std::vector<std::u32string>{U"maria", U"josé", U"o", U"brien"}));
  EXPECT_EQ(FoldedWords("ÅSA Öberg"), (std::vector<std::u32string>{U"åsa", U"öberg"}));
  EXPECT_EQ(FoldedWords("ДМИТРИЙ иванов"), (std::vector<std::u32string>{U"дмитрий", U"иванов"}));
  EXPECT_EQ(FoldedWords("佐藤 健"), (std::vector<std::u32string>{U"佐藤", U"健"}));
  EXPECT_TRUE(FoldedWords(" -- ").empty());
}

TEST(Words, EveryQueryWordMustStartSomeWordOfTheName) {
  auto q = [](const char* s) { return FoldedWords(s); };
  EXPECT_TRUE(WordsStartWith("Anders Berg", q("an")));
  EXPECT_TRUE(WordsStartWith("Anders Berg", q("BE an")));
  EXPECT_TRUE(WordsStartWith("Maria Ana López", q("ló")));
  EXPECT_FALSE(WordsStartWith("Maria Ana López", q("lo"))) << "ó is its own letter, as in the full-text index";
  EXPECT_FALSE(WordsStartWith("Anders Berg", q("nd"))) << "the start of a word, not the middle";
  EXPECT_FALSE(WordsStartWith("Anders Berg", q("an x")));
  EXPECT_TRUE(WordsStartWith("Дмитрий Иванов", q("ив")));
  EXPECT_TRUE(WordsStartWith("Anna Ann", q("anna ann"))) << "two query words may match different name words";
  EXPECT_FALSE(WordsStartWith("Ann", q("annika")));
  EXPECT_TRUE(WordsStartWith("anything", q("")));
}

}  // namespace
}  // namespace agora::text

namespace agora::text {

TEST(Text, ControlAndReorderingCharactersAreFound) {
  EXPECT_FALSE(HasControlCharacters("Ana Berg\tSthlm\nline"));
  EXPECT_FALSE(HasControlCharacters("Анна Бергман, Ærø, 東京"));
  EXPECT_TRUE(HasControlCharacters(std::string("a\0b", 3)));
  EXPECT_TRUE(HasControlCharacters("a\x1b[31m"));
  EXPECT_TRUE(HasControlCharacters("a\u0085b")) << "C1";
  EXPECT_TRUE(HasControlCharacters("evil\u202Egnp.exe")) << "right-to-left override";
  EXPECT_TRUE(HasControlCharacters("x\u2067y")) << "right-to-left isolate";
  EXPECT_FALSE(HasControlCharacters("x\u2010y")) << "a hyphen is text";
}

}  // namespace agora::text

namespace agora {
TEST(Text, ExcerptsAreOneLineAndNeverCutACharacter) {
  EXPECT_EQ(text::Excerpt("  one\n\ntwo\tthree  ", 100), "one two three");
  EXPECT_EQ(text::Excerpt("сообщество", 10), "сообщество") << "a whole text keeps its last character";
  EXPECT_EQ(text::Excerpt("сообщество", 4), "сооб…");
  EXPECT_EQ(text::Excerpt("ab cd", 3), "ab…") << "a space is not the last thing kept";
  EXPECT_EQ(text::Excerpt("ab cd", 4), "ab c…");
  EXPECT_EQ(text::Excerpt("", 5), "");
}
}  // namespace agora
