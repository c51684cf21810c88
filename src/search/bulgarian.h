// A light stemmer for Bulgarian, which neither Snowball, Xapian nor PostgreSQL has. It follows
// the light stemmer J. Savoy published ("Searching strategies for the Bulgarian language",
// Information Retrieval 10, 2007): remove the definite article, then the plural, then a final
// vowel, with the few consonant alternations plurals bring (-ци/-к, -зи/-г, -си/-х). Light on
// purpose: it conflates a noun's or adjective's forms and leaves verbs mostly as they are.
#pragma once

#include <string>

namespace agora::search {

// `word` in lower case UTF-8; returns its stem (the word itself when too short to stem).
std::string StemBulgarian(const std::string& word);

}  // namespace agora::search
