#include "core/places.h"

#include <unicode/timezone.h>
#include <unicode/uloc.h>

#include <unordered_map>

#include "core/languages.h"
#include "core/text.h"

namespace agora::places {

namespace {

// Every current ISO code, and every name of it in the UI's languages, lower-cased -> code.
const std::unordered_map<std::string, std::string>& Countries() {
  static const auto* map = [] {
    auto* m = new std::unordered_map<std::string, std::string>();
    for (const char* const* c = uloc_getISOCountries(); *c; ++c) {
      const std::string code = *c;
      (*m)[text::AsciiLower(code)] = code;
      const std::string locale = "und_" + code;
      for (const auto& l : languages::kAll) {
        const std::string language(l.code);
        UChar name[128];
        UErrorCode status = U_ZERO_ERROR;
        int32_t n = uloc_getDisplayCountry(locale.c_str(), language.c_str(), name, 128, &status);
        if (U_FAILURE(status) || n <= 0) continue;
        std::string utf8;
        icu::UnicodeString(name, n).toUTF8String(utf8);
        if (utf8 != code) m->emplace(text::Lower(utf8), code);  // first language wins a clash
      }
    }
    return m;
  }();
  return *map;
}

}  // namespace

std::optional<std::string> CountryCode(std::string_view code_or_name) {
  auto t = text::Trim(code_or_name);
  if (t.empty() || t.size() > 100 || !text::IsValidUtf8(t)) return std::nullopt;
  const auto& countries = Countries();
  auto it = countries.find(text::Lower(t));
  if (it == countries.end()) return std::nullopt;
  return it->second;
}

bool IsTimeZone(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  icu::UnicodeString canonical;
  UBool system = false;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getCanonicalID(icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size()))),
                                canonical, system, status);
  return U_SUCCESS(status) && system;
}

}  // namespace agora::places
