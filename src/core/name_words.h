// The words a person's name is found by, whatever script or spelling the searcher types:
// "asa" finds Åsa, "strom" Ström, "mueller" and "muller" Müller, "ivanov" Иванов, "zhukov"
// and "zukov" Жуков, "shterev" (Bulgarian) and "shcherev" (Russian) Щерев, and "иван" Ivan.
//
// Both sides go through ICU transliteration: a query becomes one Latin, ASCII, lower-case
// spelling (SearchableQuery); a name is stored with every spelling people are likely to
// type (SearchableName): the same generic one, plus the German/Scandinavian one (ü -> ue,
// ø -> oe, å -> aa) for names that have those letters, plus the English-readable Russian and
// Bulgarian ones (BGN/PCGN) for Cyrillic names. Each word of the query must start some word
// of the name, as before. The stored words live in users.name_words (kept by identity's
// store on every write, rebuilt by store::Migrate when NameWordsVersion() changes).
#pragma once

#include <string>
#include <string_view>

namespace agora::text {

// Space-separated distinct words, lower-case ASCII where a transliteration exists.
std::string SearchableName(std::string_view display_name);
// The query in the form SearchableName's words are in (words still to be split).
std::string SearchableQuery(std::string_view query);
// Changes when the rules or ICU's data change: stored words are then rebuilt.
std::string NameWordsVersion();

}  // namespace agora::text
