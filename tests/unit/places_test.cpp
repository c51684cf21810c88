#include "core/places.h"

#include <gtest/gtest.h>

namespace agora::places {
namespace {

TEST(Places, CountriesByCodeOrByNameInTheUisLanguages) {
  EXPECT_EQ(CountryCode("SE"), "SE");
  EXPECT_EQ(CountryCode(" se "), "SE");
  EXPECT_EQ(CountryCode("Sweden"), "SE");
  EXPECT_EQ(CountryCode("sverige"), "SE");
  EXPECT_EQ(CountryCode("NORWAY"), "NO");
  EXPECT_EQ(CountryCode("Norge"), "NO");
  EXPECT_EQ(CountryCode("Россия"), "RU");
  EXPECT_EQ(CountryCode("България"), "BG");
  EXPECT_EQ(CountryCode("Deutschland"), "DE");
  EXPECT_EQ(CountryCode("Allemagne"), "DE");
  EXPECT_EQ(CountryCode("España"), "ES");
  EXPECT_EQ(CountryCode("españa"), "ES");
}

TEST(Places, AnythingElseIsNoCountry) {
  for (auto bad : {"", "XX", "Swedenn", "S", "SWE", "Atlantis", "\xC3\x28"}) EXPECT_FALSE(CountryCode(bad)) << bad;
}

TEST(Places, TimeZonesTheDatabaseKnows) {
  EXPECT_TRUE(IsTimeZone("Europe/Stockholm"));
  EXPECT_TRUE(IsTimeZone("America/Sao_Paulo"));
  EXPECT_TRUE(IsTimeZone("UTC"));
  EXPECT_FALSE(IsTimeZone("Stockholm"));
  EXPECT_FALSE(IsTimeZone("Europe/Atlantis"));
  EXPECT_FALSE(IsTimeZone(""));
}

}  // namespace
}  // namespace agora::places
