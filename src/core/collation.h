// Sort orders for people's names, as readers of a language expect them (ICU collation, CLDR
// data): "Åsa" after "Zoe" for a Swedish reader, beside "Asa" for an English one; Cyrillic
// names first for a Russian or Bulgarian reader. The directory offers a fixed set of orders
// (each one is an index over every name, so each costs space and write time); a viewer's
// languages map onto the nearest.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

namespace agora::collation {

struct Order {
  std::string_view name;        // our name, used in SQL collation names and cursors
  std::string_view icu_locale;  // the CLDR locale whose rules it uses
};
// "root" is CLDR's default order (English, German, Hindi, ... read names this way).
inline constexpr std::array<Order, 6> kOrders{{
    {"root", "und"},
    {"sv", "sv"},  // Swedish, Finnish: å ä ö after z
    {"nb", "nb"},  // Norwegian, Danish: æ ø å after z
    {"es", "es"},  // Spanish: ñ after n
    {"ru", "ru"},  // Russian, Bulgarian, Ukrainian, Serbian...: Cyrillic before Latin
    {"ja", "ja"},  // Japanese: kana and kanji before Latin
}};
inline constexpr std::string_view kDefaultOrder = "root";

// The order for one BCP 47 language tag ("sv-SE" -> "sv", "da" -> "nb", "en" -> "root").
std::string_view ForLanguage(std::string_view tag);
// The order for an Accept-Language header: its first language decides.
std::string_view ForAcceptLanguage(std::string_view header);
bool IsOrder(std::string_view name);
// The collation's name in SQL: "agora_sv".
std::string SqlName(std::string_view order);

// A compiled ICU collator. Not thread-safe: each database connection opens its own.
class Collator {
 public:
  static std::unique_ptr<Collator> Open(std::string_view order);
  ~Collator();
  Collator(const Collator&) = delete;
  Collator& operator=(const Collator&) = delete;
  // <0, 0, >0 like strcmp, on UTF-8 text.
  int Compare(std::string_view a, std::string_view b) const;
  // ICU's sort key of UTF-8 text: comparing two keys bytewise (memcmp) orders the texts
  // exactly as Compare does, much faster when the same text is compared many times.
  std::string SortKey(std::string_view text) const;

 private:
  friend std::string VersionFingerprint();
  explicit Collator(void* icu) : icu_(icu) {}
  void* icu_;  // UCollator*: ICU's headers stay out of this one
};

// The ICU collation versions of every order: when it changes (an ICU upgrade), indexes
// sorted by the old rules must be rebuilt.
std::string VersionFingerprint();

}  // namespace agora::collation
