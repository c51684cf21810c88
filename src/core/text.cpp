#include "core/text.h"

#include <clocale>
#include <cstdint>
#include <cwctype>
#include <locale.h>

namespace agora::text {

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    int n;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Overlong encodings, surrogates and values past U+10FFFF are invalid.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    p += n + 1;
  }
  return true;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string_view Trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {
void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}
}  // namespace

namespace {
locale_t Utf8Locale() {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return utf8;
}

// Decodes the code point at p (valid UTF-8 assumed; bounded by end) and advances p.
std::uint32_t NextCodePoint(const unsigned char*& p, const unsigned char* end) {
  std::uint32_t cp = *p;
  int extra = cp < 0x80 ? 0 : cp < 0xE0 ? 1 : cp < 0xF0 ? 2 : 3;
  if (extra) cp &= (0x3F >> extra);
  for (int i = 1; i <= extra && p + i < end; ++i) cp = (cp << 6) | (p[i] & 0x3F);
  p += extra + 1;
  return cp;
}

bool IsWordChar(std::uint32_t cp, locale_t loc) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return loc ? iswalnum_l(static_cast<wint_t>(cp), loc) != 0 : true;
}

std::uint32_t Fold(std::uint32_t cp, locale_t loc) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
  return loc ? static_cast<std::uint32_t>(towlower_l(static_cast<wint_t>(cp), loc)) : cp;
}
}  // namespace

std::u32string Utf32(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) out.push_back(static_cast<char32_t>(NextCodePoint(p, end)));
  return out;
}

std::string Utf8(std::u32string_view s) {
  std::string out;
  for (char32_t cp : s) AppendUtf8(out, cp);
  return out;
}

std::vector<std::u32string> FoldedWords(std::string_view s) {
  locale_t loc = Utf8Locale();
  std::vector<std::u32string> out;
  std::u32string word;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    std::uint32_t cp = NextCodePoint(p, end);
    if (IsWordChar(cp, loc)) {
      word.push_back(Fold(cp, loc));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool WordsStartWith(std::string_view text, const std::vector<std::u32string>& prefixes) {
  if (prefixes.empty()) return true;
  if (prefixes.size() > 64) return false;
  locale_t loc = Utf8Locale();
  std::uint64_t found = 0;  // bit i: prefixes[i] starts some word
  const std::uint64_t all = prefixes.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << prefixes.size()) - 1;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  // Walk the words; at each word's start, compare every prefix still unmatched against it.
  std::uint64_t alive = 0;  // prefixes still matching the current word so far
  size_t pos = 0;           // position within the current word
  bool in_word = false;
  while (p < end) {
    std::uint32_t cp = NextCodePoint(p, end);
    if (!IsWordChar(cp, loc)) {
      in_word = false;
      continue;
    }
    cp = Fold(cp, loc);
    if (!in_word) {
      in_word = true;
      pos = 0;
      alive = all & ~found;
    }
    for (size_t i = 0; alive && i < prefixes.size(); ++i) {
      std::uint64_t bit = std::uint64_t{1} << i;
      if (!(alive & bit)) continue;
      if (pos < prefixes[i].size() && prefixes[i][pos] == cp) {
        if (pos + 1 == prefixes[i].size()) {
          found |= bit;
          alive &= ~bit;
        }
      } else {
        alive &= ~bit;
      }
    }
    if (found == all) return true;
    ++pos;
  }
  return found == all;
}

std::string Lower(std::string_view s) {
  locale_t utf8 = Utf8Locale();
  if (!utf8) return AsciiLower(s);
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    std::uint32_t cp = *p;
    int extra = cp < 0x80 ? 0 : cp < 0xE0 ? 1 : cp < 0xF0 ? 2 : 3;
    if (extra) cp &= (0x3F >> extra);
    for (int i = 1; i <= extra && p + i < end; ++i) cp = (cp << 6) | (p[i] & 0x3F);
    p += extra + 1;
    AppendUtf8(out, static_cast<std::uint32_t>(towlower_l(static_cast<wint_t>(cp), utf8)));
  }
  return out;
}

bool HasControlCharacters(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) return true;
    auto next = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
    if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) return true;  // C1 controls
    // Bidirectional embeddings, overrides (U+202A-202E) and isolates (U+2066-2069): in a name
    // or a title they make text display in another order than it is stored.
    if (c == 0xE2 && next(1) == 0x80 && next(2) >= 0xAA && next(2) <= 0xAE) return true;
    if (c == 0xE2 && next(1) == 0x81 && next(2) >= 0xA6 && next(2) <= 0xA9) return true;
  }
  return false;
}

bool LooksLikeEmail(std::string_view s) {
  if (s.size() < 3 || s.size() > 254 || !IsValidUtf8(s)) return false;
  auto at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  auto domain = s.substr(at + 1);
  auto dot = domain.find('.');
  if (domain.empty() || dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '"' || c == ',') return false;
  return true;
}

std::string EmailKey(std::string_view email) { return AsciiLower(Trim(email)); }

std::string HandleFromEmail(std::string_view email) {
  std::string out;
  for (char c : AsciiLower(email.substr(0, email.find('@')))) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
    if (ok) out.push_back(c);
    if (out.size() == 30) break;
  }
  while (out.size() < 3) out.push_back('_');
  if (ReadsAsId(out)) out = "u" + out.substr(0, 29);
  return out;
}

bool ReadsAsId(std::string_view handle) {
  return !handle.empty() && handle.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string Excerpt(std::string_view s, size_t max_points) {
  std::string out;
  size_t points = 0;
  bool space = false;  // white space seen since the last character kept
  for (char ch : s) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      space = !out.empty();
      continue;
    }
    const bool starts_character = (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    if (starts_character) {
      if (points + (space ? 1 : 0) >= max_points) return out + "…";
      if (space) {
        out += ' ';
        ++points;
      }
      space = false;
      ++points;
    }
    out += ch;
  }
  return out;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace agora::text
