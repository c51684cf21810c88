// The languages Agora speaks: its whole interface and every text it writes for people come in
// these eight (English is the source; the web client's catalogs and the server's are checked
// to hold the same messages). A person reads Agora in the language they chose, else the one
// their browser asks for (Accept-Language), else the site's default, which an admin sets.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/result.h"

namespace agora::languages {

struct Language {
  std::string_view code;  // BCP 47: "nb", not "no"
  std::string_view name;  // in the language itself, as a person looks for it in a list
};
inline constexpr std::array<Language, 8> kAll{{
    {"en", "English"},
    {"sv", "Svenska"},
    {"nb", "Norsk bokmål"},
    {"ru", "Русский"},
    {"bg", "Български"},
    {"de", "Deutsch"},
    {"fr", "Français"},
    {"es", "Español"},
}};
inline constexpr std::string_view kSource = "en";

bool IsSupported(std::string_view code);
// OK for a supported code; else 422 naming `field` that lists the codes.
Status CheckSupported(std::string_view code, std::string_view field = "language");

// The supported language a tag stands for, or "" when none: "sv-SE" -> "sv", "no" and "nn"
// and "nb-NO" -> "nb" (Bokmål is what Norwegian readers get), "EN-gb" -> "en", "fi" -> "".
std::string_view Match(std::string_view tag);

// The first supported language of an Accept-Language header by quality ("da, sv;q=0.8,
// en;q=0.5" -> "sv"), else `fallback`. Languages with q=0 are refused, as RFC 9110 says.
std::string_view FromAcceptLanguage(std::string_view header, std::string_view fallback);

}  // namespace agora::languages
