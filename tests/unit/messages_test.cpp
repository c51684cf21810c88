// The server's message catalogs (src/i18n/catalogs): every language holds every message of
// the English source and no other, each parses as ICU MessageFormat with the same arguments
// as the English one and the plural forms its language needs, every id the code uses exists
// and every id exists because the code uses it, and the notification sentences are the web
// client's own. Then formatting itself: plurals, selects, and the fallback to English.
#include "i18n/messages.h"

#include <gtest/gtest.h>
#include <unicode/messagepattern.h>
#include <unicode/plurrule.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <cctype>
#include <set>
#include <sstream>

#include "core/languages.h"

namespace agora::messages {
namespace {

using Catalog = std::map<std::string, std::string>;

Catalog Parse(std::string_view json) {
  Catalog out;
  const boost::json::value parsed = boost::json::parse(json);
  for (const auto& [id, text] : parsed.as_object()) out[std::string(id)] = std::string(text.as_string());
  return out;
}

std::map<std::string, Catalog> All() {
  std::map<std::string, Catalog> all;
  for (const auto& [language, json] : EmbeddedCatalogs()) all[std::string(language)] = Parse(json);
  return all;
}

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

// What a message asks for: its arguments by name with their type, and for each plural the
// selectors it gives.
struct Shape {
  std::map<std::string, std::string> args;
  std::vector<std::set<std::string>> plurals;
  bool ok = false;
};

Shape ShapeOf(const std::string& text) {
  Shape shape;
  UErrorCode status = U_ZERO_ERROR;
  UParseError where;
  icu::MessagePattern pattern(icu::UnicodeString::fromUTF8(text), &where, status);
  if (U_FAILURE(status)) return shape;
  shape.ok = true;
  const int n = pattern.countParts();
  for (int i = 0; i < n; ++i) {
    const auto& part = pattern.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    const std::string name = Utf8(pattern.getSubstring(pattern.getPart(i + 1)));
    const UMessagePatternArgType type = part.getArgType();
    shape.args[name] = type == UMSGPAT_ARG_TYPE_PLURAL ? "plural" : type == UMSGPAT_ARG_TYPE_SELECT ? "select" : "text";
    if (type != UMSGPAT_ARG_TYPE_PLURAL) continue;
    std::set<std::string> selectors;
    const int limit = pattern.getLimitPartIndex(i);
    for (int j = i + 2; j < limit; ++j) {
      const auto& p = pattern.getPart(j);
      if (p.getType() == UMSGPAT_PART_TYPE_ARG_SELECTOR) selectors.insert(Utf8(pattern.getSubstring(p)));
      if (p.getType() == UMSGPAT_PART_TYPE_MSG_START) j = pattern.getLimitPartIndex(j);  // not the nested ones
    }
    shape.plurals.push_back(selectors);
  }
  return shape;
}

std::set<std::string> PluralCategories(const std::string& language) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::PluralRules> rules(icu::PluralRules::forLocale(icu::Locale(language.c_str()), status));
  std::set<std::string> out;
  std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(status));
  while (const icu::UnicodeString* k = keywords->snext(status)) out.insert(Utf8(*k));
  return out;
}

TEST(Messages, EveryLanguageHasACatalogWithEveryMessage) {
  auto all = All();
  ASSERT_EQ(all.size(), languages::kAll.size());
  const Catalog& en = all.at("en");
  EXPECT_GT(en.size(), 40u);
  for (const auto& l : languages::kAll) {
    ASSERT_TRUE(all.contains(std::string(l.code))) << l.code;
    const Catalog& catalog = all.at(std::string(l.code));
    for (const auto& [id, _] : en) EXPECT_TRUE(catalog.contains(id)) << l.code << " lacks " << id;
    for (const auto& [id, _] : catalog) EXPECT_TRUE(en.contains(id)) << l.code << " has " << id << ", which English does not";
  }
}

TEST(Messages, EachParsesWithTheSourcesArgumentsAndItsLanguagesPluralForms) {
  auto all = All();
  for (const auto& [language, catalog] : all) {
    const std::set<std::string> categories = PluralCategories(language);
    for (const auto& [id, text] : catalog) {
      Shape shape = ShapeOf(text);
      ASSERT_TRUE(shape.ok) << language << " " << id << " does not parse: " << text;
      Shape source = ShapeOf(all.at("en").at(id));
      EXPECT_EQ(shape.args, source.args) << language << " " << id;
      for (const auto& selectors : shape.plurals)
        for (const auto& category : categories)
          EXPECT_TRUE(selectors.contains(category)) << language << " " << id << " lacks the plural form " << category;
    }
  }
}

// Every file that includes i18n/messages.h names its message ids as literals; the ids are
// those literals that look like "mail.x", "notification.x", "feed.x", "page.x" or "book.x".
TEST(Messages, TheCodeUsesEveryMessageAndNoOther) {
  const std::filesystem::path src = std::filesystem::path(AGORA_SOURCE_DIR) / "src";
  std::set<std::string> used;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    if (entry.path().extension() != ".cpp" || entry.path().filename() == "messages.cpp") continue;
    const std::string code = Read(entry.path());
    if (code.find("#include \"i18n/messages.h\"") == std::string::npos) continue;
    // Each literal "mail.x", "notification.x", "feed.x", "page.x" or "book.x" (std::regex is avoided: GCC 12 warns
    // inside it under the sanitizers).
    for (std::string_view prefix : {"\"mail.", "\"notification.", "\"feed.", "\"page.", "\"book."})
      for (size_t at = code.find(prefix); at != std::string::npos; at = code.find(prefix, at + 1)) {
        size_t end = at + 1;
        while (end < code.size() && (std::islower(static_cast<unsigned char>(code[end])) || code[end] == '_' || code[end] == '.')) ++end;
        if (end < code.size() && code[end] == '"') used.insert(code.substr(at + 1, end - at - 1));
      }
  }
  const Catalog en = All().at("en");
  for (const auto& id : used) EXPECT_TRUE(en.contains(id)) << id << " is used but in no catalog";
  for (const auto& [id, _] : en) EXPECT_TRUE(used.contains(id)) << id << " is in the catalogs but not used";
}

TEST(Messages, NotificationSentencesAreTheWebClientsOwn) {
  for (const auto& [language, catalog] : All()) {
    const Catalog web = Parse(Read(std::filesystem::path(AGORA_SOURCE_DIR) / "web/src/i18n/messages" / (language + ".json")));
    for (const auto& [id, text] : catalog) {
      if (!id.starts_with("notification.")) continue;
      ASSERT_TRUE(web.contains(id)) << id;
      EXPECT_EQ(text, web.at(id)) << language << " " << id;
    }
  }
}

TEST(Messages, FormatsPluralsSelectsAndFallsBackToEnglish) {
  EXPECT_EQ(Format("ru", "notification.comment_group", {{"name", "Анна"}, {"others", std::int64_t{1}}, {"what", "post"}}),
            "Анна и ещё 1 человек прокомментировали вашу публикацию");
  EXPECT_EQ(Format("ru", "notification.comment_group", {{"name", "Анна"}, {"others", std::int64_t{3}}, {"what", "topic"}}),
            "Анна и ещё 3 человека прокомментировали вашу тему");
  EXPECT_EQ(Format("ru", "notification.comment_group", {{"name", "Анна"}, {"others", std::int64_t{5}}, {"what", "post"}}),
            "Анна и ещё 5 человек прокомментировали вашу публикацию");
  EXPECT_EQ(Format("en", "mail.reset_note", {{"hours", std::int64_t{1}}}).rfind("This link works once, for 1 hour.", 0), 0u);
  EXPECT_EQ(Format("en", "mail.reset_note", {{"hours", std::int64_t{24}}}).rfind("This link works once, for 24 hours.", 0), 0u);
  EXPECT_EQ(Format("sv", "mail.digest_subject", {{"cadence", "weekly"}, {"site", "Acme på Agora"}, {"count", std::int64_t{2}}}),
            "Din vecka på Acme på Agora: 2 aviseringar");
  EXPECT_EQ(Format("bg", "mail.digest_subject", {{"cadence", "daily"}, {"site", "Agora"}, {"count", std::int64_t{0}}}),
            "Вашият ден в Agora: какво споделиха хората, които следвате");
  EXPECT_EQ(Format("fi", "mail.greeting", {{"name", "Ana"}}), "Hello Ana,") << "an unknown language gets English";
  EXPECT_EQ(Format("en", "mail.no_such_message"), "mail.no_such_message");
}

}  // namespace
}  // namespace agora::messages
