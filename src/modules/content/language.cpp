#include "modules/content/language.h"

#include "core/languages.h"

namespace agora::content {

Result<std::string> WrittenLanguage(const std::optional<std::string>& declared, const identity::User& author,
                                    std::string_view accept_language) {
  if (declared && !declared->empty()) {
    if (auto st = languages::CheckSupported(*declared); !st) return st.error();
    return *declared;
  }
  if (!author.language.empty()) return author.language;
  return std::string(languages::FromAcceptLanguage(accept_language, ""));
}

}  // namespace agora::content
