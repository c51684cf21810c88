#include "modules/find/query_language.h"

#include <chrono>

#include "core/clock.h"

namespace agora::find {
namespace {

// Splits at spaces outside double quotes; a quoted phrase stays one token, quotes included.
std::vector<std::string> Tokens(std::string_view q) {
  std::vector<std::string> tokens;
  std::string current;
  bool quoted = false;
  for (char c : q) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!current.empty()) tokens.push_back(std::move(current));
  return tokens;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

std::optional<std::string> KindNamed(std::string_view word) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"person", "person"},   {"people", "person"},    {"post", "post"},   {"posts", "post"},
      {"comment", "comment"}, {"comments", "comment"}, {"topic", "topic"}, {"topics", "topic"},
      {"blog", "blog"},       {"blogs", "blog"},       {"blog_entry", "blog_entry"}, {"blog_entries", "blog_entry"},
      {"community", "community"}, {"communities", "community"}, {"wiki", "wiki_page"}, {"wiki_page", "wiki_page"},
      {"wiki_pages", "wiki_page"}, {"page", "wiki_page"}, {"pages", "wiki_page"}, {"wiki_space", "wiki_space"},
      {"wiki_spaces", "wiki_space"}, {"space", "wiki_space"}, {"spaces", "wiki_space"}};
  const std::string w = Lower(word);
  for (const auto& [name, kind] : kNames)
    if (w == name) return std::string(kind);
  return std::nullopt;
}

std::optional<std::int64_t> ParseDay(std::string_view text) {
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    int y = 0, m = 0, d = 0;
    for (size_t i = 0; i < 10; ++i)
      if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return std::nullopt;
    y = std::stoi(std::string(text.substr(0, 4)));
    m = std::stoi(std::string(text.substr(5, 2)));
    d = std::stoi(std::string(text.substr(8, 2)));
    const std::chrono::year_month_day day{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!day.ok()) return std::nullopt;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::sys_days{day}.time_since_epoch()).count();
  }
  return ParseRfc3339(text);
}

Result<ParsedQuery> ParseQuery(std::string_view q, std::string_view field) {
  ParsedQuery out;
  for (const auto& token : Tokens(q)) {
    const auto colon = token.find(':');
    const std::string op = colon == std::string::npos || token.front() == '"' ? "" : Lower(token.substr(0, colon));
    const std::string value = colon == std::string::npos ? "" : token.substr(colon + 1);
    if (!value.empty() && (op == "from" || op == "in")) {
      (op == "from" ? out.from : out.in).push_back(value.front() == '@' ? value.substr(1) : value);
    } else if (!value.empty() && op == "tag") {
      out.tags.push_back(Lower(value.front() == '#' ? value.substr(1) : value));
    } else if (!value.empty() && op == "kind") {
      auto kind = KindNamed(value);
      if (!kind)
        return Error::Invalid(std::string(field), "kind: must be person, post, comment, topic, blog, blog_entry, community, wiki_page or wiki_space (not " + value + ")");
      out.kinds.push_back(*kind);
    } else if (!value.empty() && (op == "after" || op == "before")) {
      auto at = ParseDay(value);
      if (!at) return Error::Invalid(std::string(field), op + ": must be a day such as 2026-01-31 (not " + value + ")");
      (op == "after" ? out.after : out.before) = *at;
    } else {
      if (!out.text.empty()) out.text += ' ';
      out.text += token;
    }
  }
  return out;
}

}  // namespace agora::find
