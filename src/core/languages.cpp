#include "core/languages.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "core/text.h"

namespace agora::languages {

bool IsSupported(std::string_view code) {
  return std::any_of(kAll.begin(), kAll.end(), [&](const Language& l) { return l.code == code; });
}

Status CheckSupported(std::string_view code, std::string_view field) {
  if (IsSupported(code)) return OkStatus();
  std::string codes;
  for (const auto& l : kAll) codes += (codes.empty() ? "" : ", ") + std::string(l.code);
  return Error::Invalid(std::string(field), std::string(field) + " is one of " + codes);
}

std::string_view Match(std::string_view tag) {
  std::string primary = text::AsciiLower(tag.substr(0, tag.find_first_of("-_")));
  if (primary == "no" || primary == "nn") primary = "nb";
  for (const auto& l : kAll)
    if (l.code == primary) return l.code;
  return {};
}

std::string_view FromAcceptLanguage(std::string_view header, std::string_view fallback) {
  struct Choice {
    std::string_view code;
    double q;
    size_t order;
  };
  std::vector<Choice> choices;
  size_t order = 0;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = text::Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view tag = text::Trim(item.substr(0, semi));
    double q = 1.0;
    if (semi != std::string_view::npos) {
      std::string_view param = text::Trim(item.substr(semi + 1));
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=')
        q = std::strtod(std::string(param.substr(2)).c_str(), nullptr);
    }
    std::string_view code = Match(tag);
    if (!code.empty() && q > 0) choices.push_back({code, q, order});
    ++order;
  }
  // The highest quality wins; among equals, the one listed first.
  auto best = std::min_element(choices.begin(), choices.end(), [](const Choice& a, const Choice& b) {
    return a.q != b.q ? a.q > b.q : a.order < b.order;
  });
  return best == choices.end() ? fallback : best->code;
}

}  // namespace agora::languages
