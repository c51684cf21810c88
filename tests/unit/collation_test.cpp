// Name sort orders: which order a reader gets, and that each sorts as its readers expect.
#include "core/collation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace agora::collation {
namespace {

std::vector<std::string> Sorted(std::string_view order, std::vector<std::string> names) {
  auto c = Collator::Open(order);
  std::sort(names.begin(), names.end(), [&](const auto& a, const auto& b) { return c->Compare(a, b) < 0; });
  return names;
}

TEST(Collation, TheReadersFirstLanguageDecides) {
  EXPECT_EQ(ForAcceptLanguage("sv-SE,sv;q=0.9,en;q=0.8"), "sv");
  EXPECT_EQ(ForAcceptLanguage("en-US,sv;q=0.5"), "root") << "English first: the default order";
  EXPECT_EQ(ForAcceptLanguage("da"), "nb");
  EXPECT_EQ(ForAcceptLanguage("fi-FI"), "sv");
  EXPECT_EQ(ForAcceptLanguage("bg-BG,bg"), "ru");
  EXPECT_EQ(ForAcceptLanguage(" ja ;q=1"), "ja");
  EXPECT_EQ(ForAcceptLanguage(""), "root");
  EXPECT_EQ(ForAcceptLanguage("*"), "root");
  EXPECT_EQ(ForLanguage("NB_no"), "nb");
  EXPECT_TRUE(IsOrder("es"));
  EXPECT_FALSE(IsOrder("klingon"));
  EXPECT_EQ(SqlName("sv"), "agora_sv");
}

TEST(Collation, SwedishPutsTheLettersAfterZ) {
  std::vector<std::string> names{"Östen", "Zoe", "Åsa", "Anna", "Ärla", "Bo"};
  EXPECT_EQ(Sorted("sv", names), (std::vector<std::string>{"Anna", "Bo", "Zoe", "Åsa", "Ärla", "Östen"}));
  EXPECT_EQ(Sorted("root", names), (std::vector<std::string>{"Anna", "Ärla", "Åsa", "Bo", "Östen", "Zoe"}));
}

TEST(Collation, NorwegianAndDanishOrderÆØÅ) {
  EXPECT_EQ(Sorted("nb", {"Åse", "Øyvind", "Ærlig", "Zakarias"}),
            (std::vector<std::string>{"Zakarias", "Ærlig", "Øyvind", "Åse"}));
}

TEST(Collation, SpanishTreatsÑAsALetter) {
  EXPECT_EQ(Sorted("es", {"Ñandú", "Nube", "Oso"}), (std::vector<std::string>{"Nube", "Ñandú", "Oso"}));
  EXPECT_EQ(Sorted("root", {"Ñandú", "Nube", "Oso"}), (std::vector<std::string>{"Ñandú", "Nube", "Oso"}));
}

TEST(Collation, CyrillicReadersGetCyrillicFirstInAlphabetOrder) {
  std::vector<std::string> names{"Anna", "Яна", "Борис", "Ёлка", "Елена", "Жанна"};
  EXPECT_EQ(Sorted("ru", names), (std::vector<std::string>{"Борис", "Елена", "Ёлка", "Жанна", "Яна", "Anna"}));
  EXPECT_EQ(Sorted("root", names).front(), "Anna");
}

TEST(Collation, VersionFingerprintNamesEveryOrder) {
  auto v = VersionFingerprint();
  for (const auto& o : kOrders) EXPECT_NE(v.find(" " + std::string(o.name) + "="), std::string::npos) << v;
  EXPECT_EQ(v, VersionFingerprint());
}

}  // namespace
}  // namespace agora::collation

namespace agora::collation {
namespace {

TEST(Collation, SortKeysOrderLikeCompare) {
  std::vector<std::string> names{"Östen", "Zoe", "Åsa", "Anna", "Ärla", "Bo", "anna", "Дмитрий", "佐藤 健", ""};
  for (const auto& o : kOrders) {
    auto c = Collator::Open(o.name);
    for (const auto& a : names)
      for (const auto& b : names) {
        int by_compare = c->Compare(a, b);
        int by_key = c->SortKey(a).compare(c->SortKey(b));
        EXPECT_EQ(by_compare < 0, by_key < 0) << o.name << ": " << a << " vs " << b;
        EXPECT_EQ(by_compare == 0, by_key == 0) << o.name << ": " << a << " vs " << b;
      }
  }
}

}  // namespace
}  // namespace agora::collation
