#include "core/name_words.h"

#include <gtest/gtest.h>

#include "core/text.h"

namespace agora::text {
namespace {

// True when every word of the query starts a word of the name, as the directory matches.
bool Finds(std::string_view query, std::string_view name) {
  return WordsStartWith(SearchableName(name), FoldedWords(SearchableQuery(query)));
}

TEST(NameWords, AccentsAndCaseDoNotMatter) {
  EXPECT_TRUE(Finds("asa", "Åsa Öberg"));
  EXPECT_TRUE(Finds("oberg", "Åsa Öberg"));
  EXPECT_TRUE(Finds("strom", "Lena Ström"));
  EXPECT_TRUE(Finds("nunez", "Ñandú Núñez"));
  EXPECT_TRUE(Finds("NÚÑ", "Ñandú Núñez"));
  EXPECT_TRUE(Finds("lukasz", "Łukasz Żółw"));
  EXPECT_TRUE(Finds("dorde", "Đorđe Petrović"));
  EXPECT_TRUE(Finds("petrovic", "Đorđe Petrović"));
}

TEST(NameWords, GermanAndScandinavianSpellingsWithoutTheLetters) {
  EXPECT_TRUE(Finds("mueller", "Hans Müller"));
  EXPECT_TRUE(Finds("muller", "Hans Müller"));
  EXPECT_TRUE(Finds("soeren", "Søren Ærø"));
  EXPECT_TRUE(Finds("aasen", "Kari Åsen"));
  EXPECT_TRUE(Finds("strasse", "Anna Straße"));
}

TEST(NameWords, CyrillicFoundInLatinAndTheOtherWayRound) {
  EXPECT_TRUE(Finds("ivanov", "Дмитрий Иванов"));
  EXPECT_TRUE(Finds("Ivan", "Иван Андреев"));
  EXPECT_TRUE(Finds("zhukov", "Георгий Жуков")) << "Russian as English readers spell it";
  EXPECT_TRUE(Finds("zukov", "Георгий Жуков")) << "ISO 9 without the caron";
  EXPECT_TRUE(Finds("shterev", "Петър Щерев")) << "Bulgarian";
  EXPECT_TRUE(Finds("shcherev", "Петър Щерев")) << "Russian";
  EXPECT_TRUE(Finds("Иван", "Ivan Petrov"));
  EXPECT_TRUE(Finds("иванов", "Дмитрий Иванов"));
  EXPECT_TRUE(Finds("Ъгълина", "Ъгълина Цветкова"));
  EXPECT_TRUE(Finds("Смирн", "Ольга Смирнова"));
}

TEST(NameWords, OtherScriptsStillFindThemselves) {
  EXPECT_TRUE(Finds("佐藤", "佐藤 健"));
  EXPECT_TRUE(Finds("佐", "佐藤 健"));
  EXPECT_TRUE(Finds("Δημ", "Δημήτρης Παπαδόπουλος"));
  EXPECT_TRUE(Finds("राहुल", "राहुल शर्मा"));
}

TEST(NameWords, WrongPrefixesStillFindNoOne) {
  EXPECT_FALSE(Finds("berg", "Åsa Öberg")) << "a word's start, not its middle";
  EXPECT_FALSE(Finds("ivanova", "Дмитрий Иванов"));
  EXPECT_FALSE(Finds("an be", "Anders Lind"));
  EXPECT_FALSE(Finds("mueller", "Hans Muller")) << "the German spelling is added only where there is an umlaut";
}

TEST(NameWords, StoredWordsAreDistinctAndAsciiNamesStayAsTheyAre) {
  EXPECT_EQ(SearchableName("John Wilson"), "john wilson");
  EXPECT_EQ(SearchableName("Ann Ann"), "ann");
  EXPECT_EQ(SearchableName("Åsa"), "aasa asa");
  EXPECT_FALSE(NameWordsVersion().empty());
}

}  // namespace
}  // namespace agora::text
