#include "core/name_words.h"

#include <unicode/translit.h>
#include <unicode/uversion.h>

#include <memory>
#include <set>
#include <stdexcept>

#include "core/text.h"

namespace agora::text {

namespace {

// Bump when a rule below changes: every stored name is then rebuilt at the next start.
constexpr std::string_view kRulesVersion = "1";

// Any script to Latin, then to ASCII. Cyrillic's hard and soft signs become primes (U+02BA,
// U+02B9) and some scripts leave combining marks: both go, so that "Ъгълина" is one word
// ("glina"), not fragments split at the marks. (ICU rule syntax: each "::" is one step.)
#define AGORA_TO_ASCII ":: [\\u02B9\\u02BA\\u2019] Remove; :: NFD; :: [:Nonspacing Mark:] Remove; :: NFC; :: Latin-ASCII; :: Lower;"
constexpr const char* kGeneric = ":: Any-Latin;" AGORA_TO_ASCII;
// How Germans, Swedes, Norwegians and Danes write their letters without them.
constexpr const char* kGermanic = ":: Lower; ä > ae; ö > oe; ü > ue; ø > oe; å > aa; æ > ae;" AGORA_TO_ASCII;
// Cyrillic as English speakers spell Russian and Bulgarian names (Zhukov, Shterev).
constexpr const char* kRussian = ":: Russian-Latin/BGN;" AGORA_TO_ASCII;
constexpr const char* kBulgarian = ":: Bulgarian-Latin/BGN;" AGORA_TO_ASCII;
#undef AGORA_TO_ASCII

enum Kind { kGenericKind, kGermanicKind, kRussianKind, kBulgarianKind, kKinds };

// ICU transliterators are not safe to share between threads: each thread builds its own
// (a few milliseconds, once).
icu::Transliterator& Transliterator(Kind kind) {
  thread_local std::unique_ptr<icu::Transliterator> cache[kKinds];
  auto& t = cache[kind];
  if (!t) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse{};
    const char* rules[kKinds] = {kGeneric, kGermanic, kRussian, kBulgarian};
    t.reset(icu::Transliterator::createFromRules("agora-names", icu::UnicodeString::fromUTF8(rules[kind]), UTRANS_FORWARD,
                                                  parse, status));
    if (U_FAILURE(status) || !t) throw std::runtime_error(std::string("ICU transliterator: ") + u_errorName(status));
  }
  return *t;
}

std::string Apply(Kind kind, std::string_view s) {
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  Transliterator(kind).transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsAsciiWordsOnly(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool HasAny(std::string_view s, std::initializer_list<std::string_view> letters) {
  for (auto l : letters)
    if (s.find(l) != std::string_view::npos) return true;
  return false;
}

bool HasCyrillic(std::string_view s) {
  // U+0400..U+04FF are encoded as D0 80 .. D3 BF.
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xD0 && c <= 0xD3) return true;
  }
  return false;
}

void AddWords(std::set<std::string>& words, std::string_view spelled) {
  for (const auto& w : FoldedWords(spelled)) {
    std::string utf8;
    for (char32_t cp : w) {
      if (cp < 0x80) {
        utf8.push_back(static_cast<char>(cp));
      } else {
        // Scripts without a transliteration keep their own letters (case-folded).
        icu::UnicodeString one(static_cast<UChar32>(cp));
        one.toUTF8String(utf8);
      }
    }
    words.insert(std::move(utf8));
  }
}

}  // namespace

std::string SearchableName(std::string_view display_name) {
  std::set<std::string> words;
  if (IsAsciiWordsOnly(display_name)) {
    AddWords(words, display_name);
  } else {
    AddWords(words, Apply(kGenericKind, display_name));
    if (HasAny(Lower(display_name), {"ä", "ö", "ü", "ø", "å", "æ"})) AddWords(words, Apply(kGermanicKind, display_name));
    if (HasCyrillic(display_name)) {
      AddWords(words, Apply(kRussianKind, display_name));
      AddWords(words, Apply(kBulgarianKind, display_name));
    }
  }
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::string SearchableQuery(std::string_view query) {
  return IsAsciiWordsOnly(query) ? AsciiLower(query) : Apply(kGenericKind, query);
}

std::string NameWordsVersion() { return std::string(kRulesVersion) + " icu-" U_ICU_VERSION; }

}  // namespace agora::text
