#include "search/bulgarian.h"

#include <string_view>

namespace agora::search {
namespace {

// Bulgarian words are Cyrillic: worked on as UTF-32, one letter per element.
std::u32string Decode(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return {};  // not UTF-8: left as it is
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
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
  return out;
}

bool EndsWith(const std::u32string& w, std::u32string_view suffix) {
  return w.size() >= suffix.size() && std::u32string_view(w).substr(w.size() - suffix.size()) == suffix;
}

void Drop(std::u32string& w, size_t n) { w.resize(w.size() - n); }

// The definite article: -ият/-ят and -ът (masculine), -та (feminine), -то (neuter), -те
// (plural), and -ия before the adjective's article.
void RemoveArticle(std::u32string& w) {
  if (w.size() > 6 && EndsWith(w, U"ият")) return Drop(w, 3);
  if (w.size() > 5) {
    for (std::u32string_view a : {U"ът", U"то", U"те", U"та", U"ия"})
      if (EndsWith(w, a)) return Drop(w, 2);
  }
  if (w.size() > 4 && EndsWith(w, U"ят")) return Drop(w, 2);
}

// The plural, with the alternations it brings at the end of the stem. (Savoy's rule for the
// я/е alternation inside the stem is left out: it is the least regular of them.)
void RemovePlural(std::u32string& w) {
  if (w.size() > 6) {
    if (EndsWith(w, U"ове")) return Drop(w, 3);  // градове -> град
    if (EndsWith(w, U"еве")) {                   // краеве -> край
      Drop(w, 2);
      w.back() = U'й';
      return;
    }
    if (EndsWith(w, U"овци")) {  // дядовци -> дядо
      Drop(w, 3);
      w.back() = U'о';
      return;
    }
  }
  if (w.size() > 5) {
    if (EndsWith(w, U"ища")) return Drop(w, 3);
    if (EndsWith(w, U"та")) return Drop(w, 2);  // имената -> имена
    if (EndsWith(w, U"ци")) {                  // ученици -> ученик
      Drop(w, 1);
      w.back() = U'к';
      return;
    }
    if (EndsWith(w, U"зи")) {  // подлози -> подлог
      Drop(w, 1);
      w.back() = U'г';
      return;
    }
  }
  if (w.size() > 4) {
    if (EndsWith(w, U"си")) {  // монаси -> монах
      Drop(w, 1);
      w.back() = U'х';
      return;
    }
    if (EndsWith(w, U"и")) return Drop(w, 1);  // книги -> книг
  }
}

}  // namespace

std::string StemBulgarian(const std::string& word) {
  std::u32string w = Decode(word);
  if (w.size() < 4) return word;
  if (w.size() > 5 && EndsWith(w, U"ища")) {
    Drop(w, 3);
    return Encode(w);
  }
  RemoveArticle(w);
  RemovePlural(w);
  if (w.size() > 3) {
    if (EndsWith(w, U"я")) Drop(w, 1);
    // A final -а, -о or -е: the same noun without it (книга / книг-и).
    if (EndsWith(w, U"а") || EndsWith(w, U"о") || EndsWith(w, U"е")) Drop(w, 1);
  }
  // The vowel that comes and goes: -ен (with -н), -ъ- before the last letter (вятър / ветрове).
  if (w.size() > 4 && EndsWith(w, U"ен")) {
    Drop(w, 2);
    w.push_back(U'н');
  }
  if (w.size() > 5 && w[w.size() - 2] == U'ъ') {
    w[w.size() - 2] = w.back();
    Drop(w, 1);
  }
  return Encode(w);
}

}  // namespace agora::search
