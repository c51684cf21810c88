#include "modules/content/language.h"

#include "core/languages.h"

namespace agora::content {

Result<std::string> WrittenLanguage(const std::optional<std::string>& declared, const identity::User& author,
                                    std::string_view accept_language) {
  if (declared && !declared->empty()) {
    if (!languages::IsSupported(*declared)) return Error::Invalid("language", "language is one of en, sv, nb, ru, bg, de, fr, es");
    return *declared;
  }
  if (!author.language.empty()) return author.language;
  return std::string(languages::FromAcceptLanguage(accept_language, ""));
}

}  // namespace agora::content
