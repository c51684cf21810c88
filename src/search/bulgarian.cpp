#include "search/bulgarian.h"

#include <string_view>

#include "core/text.h"

namespace agora::search {
namespace {

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
  // Letter by letter: Bulgarian is Cyrillic, two bytes a letter in UTF-8.
  if (!text::IsValidUtf8(word)) return word;
  std::u32string w = text::Utf32(word);
  if (w.size() < 4) return word;
  if (w.size() > 5 && EndsWith(w, U"ища")) {
    Drop(w, 3);
    return text::Utf8(w);
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
  return text::Utf8(w);
}

}  // namespace agora::search
