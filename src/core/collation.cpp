#include "core/collation.h"

#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/uvernum.h>

#include <cctype>
#include <stdexcept>

namespace agora::collation {

std::string_view ForLanguage(std::string_view tag) {
  std::string primary;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    primary += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (primary == "sv" || primary == "fi") return "sv";
  if (primary == "nb" || primary == "nn" || primary == "no" || primary == "da") return "nb";
  if (primary == "es") return "es";
  if (primary == "ru" || primary == "bg" || primary == "uk" || primary == "be" || primary == "sr" || primary == "mk")
    return "ru";
  if (primary == "ja") return "ja";
  return kDefaultOrder;
}

std::string_view ForAcceptLanguage(std::string_view header) {
  // "sv-SE,sv;q=0.9,en;q=0.8": browsers list languages by preference.
  size_t start = header.find_first_not_of(" \t");
  if (start == std::string_view::npos) return kDefaultOrder;
  std::string_view first = header.substr(start);
  first = first.substr(0, first.find_first_of(",; \t"));
  if (first.empty() || first == "*") return kDefaultOrder;
  return ForLanguage(first);
}

bool IsOrder(std::string_view name) {
  for (const auto& o : kOrders)
    if (o.name == name) return true;
  return false;
}

std::string SqlName(std::string_view order) { return "agora_" + std::string(order); }

std::unique_ptr<Collator> Collator::Open(std::string_view order) {
  std::string locale;
  for (const auto& o : kOrders)
    if (o.name == order) locale = o.icu_locale;
  if (locale.empty()) throw std::invalid_argument("unknown sort order " + std::string(order));
  UErrorCode status = U_ZERO_ERROR;
  UCollator* c = ucol_open(locale == "und" ? "" : locale.c_str(), &status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU cannot open the collation for ") + locale + ": " + u_errorName(status));
  return std::unique_ptr<Collator>(new Collator(c));
}

Collator::~Collator() { ucol_close(static_cast<UCollator*>(icu_)); }

int Collator::Compare(std::string_view a, std::string_view b) const {
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r = ucol_strcollUTF8(static_cast<UCollator*>(icu_), a.data(), static_cast<int32_t>(a.size()), b.data(),
                                        static_cast<int32_t>(b.size()), &status);
  if (U_FAILURE(status)) return a.compare(b);  // invalid UTF-8 cannot be stored; keep a total order anyway
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

std::string Collator::SortKey(std::string_view text) const {
  UErrorCode status = U_ZERO_ERROR;
  std::u16string utf16(text.size() + 1, u'\0');
  int32_t len = 0;
  u_strFromUTF8(reinterpret_cast<UChar*>(utf16.data()), static_cast<int32_t>(utf16.size()), &len, text.data(),
                static_cast<int32_t>(text.size()), &status);
  if (U_FAILURE(status)) return std::string(text);
  std::string key(static_cast<size_t>(len) * 4 + 16, '\0');
  for (;;) {
    int32_t n = ucol_getSortKey(static_cast<UCollator*>(icu_), reinterpret_cast<const UChar*>(utf16.data()), len,
                                reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
    if (n <= static_cast<int32_t>(key.size())) {
      key.resize(static_cast<size_t>(n > 0 ? n - 1 : 0));  // without the terminating zero
      return key;
    }
    key.resize(static_cast<size_t>(n));
  }
}

std::string VersionFingerprint() {
  std::string out = "icu-" U_ICU_VERSION;
  for (const auto& o : kOrders) {
    auto c = Collator::Open(o.name);
    UVersionInfo v;
    ucol_getVersion(static_cast<UCollator*>(c->icu_), v);
    out += " " + std::string(o.name) + "=" + std::to_string(v[0]) + "." + std::to_string(v[1]) + "." +
           std::to_string(v[2]) + "." + std::to_string(v[3]);
  }
  return out;
}

}  // namespace agora::collation
