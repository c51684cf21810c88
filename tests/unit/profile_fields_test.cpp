// Languages and links on a profile: normalization and the errors that name the element.
#include <gtest/gtest.h>

#include "modules/people/fields.h"

namespace agora::people {
namespace {

TEST(ProfileFields, LanguageTagsAreCasedAndDeduplicated) {
  auto r = NormalizeLanguages({"SV", "pt_br", "zh-hant-tw", " en-GB ", "sv", "es-419"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<std::string>{"sv", "pt-BR", "zh-Hant-TW", "en-GB", "es-419"}));
}

TEST(ProfileFields, BadLanguageTagsNameTheElement) {
  for (const char* bad : {"", "english", "e", "en--GB", "en-", "12", "sv-<script>"}) {
    auto r = NormalizeLanguages({"sv", bad});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "languages[1]") << bad;
  }
  EXPECT_EQ(NormalizeLanguages(std::vector<std::string>(21, "sv")).error().field, "languages");
}

TEST(ProfileFields, LinksMustBeWebAddresses) {
  auto r = NormalizeLinks({{" Blog ", "https://blog.example.com/ana"}, {"", "http://example.org/x?y=1"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0], (Link{"Blog", "https://blog.example.com/ana"}));
  EXPECT_EQ((*r)[1].title, "example.org") << "a missing title becomes the host";
  for (const char* bad : {"javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.com/", "//example.com",
                          "https://", "example.com", "http://exa mple.com/"}) {
    auto bad_r = NormalizeLinks({{"x", bad}});
    ASSERT_FALSE(bad_r.ok()) << bad;
    EXPECT_EQ(bad_r.error().field, "links[0].url") << bad;
  }
  EXPECT_EQ(NormalizeLinks({{std::string(101, 'x'), "https://a.example"}}).error().field, "links[0].title");
  EXPECT_EQ(NormalizeLinks(std::vector<Link>(11, Link{"x", "https://a.example"})).error().field, "links");
}

}  // namespace
}  // namespace agora::people
