#include "i18n/messages.h"

#include <unicode/fmtable.h>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <boost/json.hpp>
#include <map>

#include "core/languages.h"
#include "core/log.h"

namespace agora::messages {
namespace {

using Catalog = std::map<std::string, std::string, std::less<>>;

// Every catalog, parsed once (the embedded JSON is checked by the unit test).
const std::map<std::string, Catalog, std::less<>>& Catalogs() {
  static const auto kCatalogs = [] {
    std::map<std::string, Catalog, std::less<>> all;
    for (const auto& [language, json] : EmbeddedCatalogs()) {
      Catalog& catalog = all[std::string(language)];
      boost::system::error_code ec;
      auto parsed = boost::json::parse(json, ec);
      if (ec || !parsed.is_object()) continue;
      for (const auto& [id, text] : parsed.as_object())
        if (text.is_string()) catalog.emplace(std::string(id), std::string(text.as_string()));
    }
    return all;
  }();
  return kCatalogs;
}

const std::string* Find(std::string_view language, std::string_view id) {
  const auto& all = Catalogs();
  for (std::string_view l : {language, languages::kSource}) {
    auto catalog = all.find(l);
    if (catalog == all.end()) continue;
    auto message = catalog->second.find(id);
    if (message != catalog->second.end()) return &message->second;
  }
  return nullptr;
}

icu::UnicodeString Unicode(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

}  // namespace

std::string Format(std::string_view language, std::string_view id, std::initializer_list<Arg> args) {
  const std::string* pattern = Find(language, id);
  if (!pattern) {
    log::Error("message missing from the catalogs", {{"id", std::string(id)}});
    return std::string(id);
  }
  // A MessageFormat per call: mails are few, and ICU's formatters are not meant to be shared
  // between threads.
  UErrorCode status = U_ZERO_ERROR;
  icu::MessageFormat format(Unicode(*pattern), icu::Locale(std::string(language).c_str()), status);
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const Arg& a : args) {
    names.push_back(Unicode(a.name));
    if (const auto* text = std::get_if<std::string>(&a.value))
      values.emplace_back(Unicode(*text));
    else
      values.emplace_back(static_cast<int64_t>(std::get<std::int64_t>(a.value)));
  }
  icu::UnicodeString out;
  if (U_SUCCESS(status)) format.format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
  if (U_FAILURE(status)) {
    log::Error("message does not format", {{"id", std::string(id)}, {"language", std::string(language)}});
    return std::string(id);
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

}  // namespace agora::messages
