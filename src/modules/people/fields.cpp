#include "modules/people/fields.h"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace agora::people {
namespace {

bool AllOf(std::string_view s, int (*pred)(int)) {
  return std::all_of(s.begin(), s.end(), [pred](char c) { return pred(static_cast<unsigned char>(c)) != 0; });
}

// One tag: language (2-3 letters), then optional script (4 letters), region (2 letters or 3
// digits) and variants (5-8 letters or digits, or a digit and 3 more).
std::optional<std::string> LanguageTag(std::string_view raw) {
  std::string t(text::Trim(raw));
  std::replace(t.begin(), t.end(), '_', '-');
  if (t.empty() || t.size() > 35) return std::nullopt;
  std::string out;
  size_t pos = 0;
  for (int i = 0; pos <= t.size(); ++i) {
    size_t dash = t.find('-', pos);
    std::string part = t.substr(pos, dash == std::string::npos ? std::string::npos : dash - pos);
    for (auto& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (i == 0) {
      if (part.size() < 2 || part.size() > 3 || !AllOf(part, std::isalpha)) return std::nullopt;
    } else if (part.size() == 4 && AllOf(part, std::isalpha)) {
      part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
    } else if ((part.size() == 2 && AllOf(part, std::isalpha)) || (part.size() == 3 && AllOf(part, std::isdigit))) {
      for (auto& c : part) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else if (!(part.size() >= 4 && part.size() <= 8 && AllOf(part, std::isalnum))) {
      return std::nullopt;
    }
    if (i > 0) out += '-';
    out += part;
    if (dash == std::string::npos) break;
    pos = dash + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> NormalizeLanguages(const std::vector<std::string>& tags) {
  if (tags.size() > kMaxLanguages)
    return Error::TooMany("languages", static_cast<std::int64_t>(kMaxLanguages), "languages");
  std::vector<std::string> out;
  for (size_t i = 0; i < tags.size(); ++i) {
    auto tag = LanguageTag(tags[i]);
    std::string field = "languages[" + std::to_string(i) + "]";
    if (!tag) return Error::Invalid(field, field + " must be a language tag such as sv, en-GB or pt-BR");
    if (std::find(out.begin(), out.end(), *tag) == out.end()) out.push_back(*tag);
  }
  return out;
}

Result<std::vector<Link>> NormalizeLinks(const std::vector<Link>& links) {
  if (links.size() > kMaxLinks) return Error::TooMany("links", static_cast<std::int64_t>(kMaxLinks), "links");
  std::vector<Link> out;
  for (size_t i = 0; i < links.size(); ++i) {
    std::string field = "links[" + std::to_string(i) + "]";
    std::string url(text::Trim(links[i].url));
    auto parsed = boost::urls::parse_absolute_uri(url);
    bool web = parsed && (parsed->scheme_id() == boost::urls::scheme::http ||
                          parsed->scheme_id() == boost::urls::scheme::https);
    if (!web || !parsed->has_authority() || parsed->host().empty() || url.size() > 2000 || !text::IsValidUtf8(url))
      return Error::Invalid(field + ".url", field + ".url must be an http or https address");
    std::string title(text::Trim(links[i].title));
    if (!text::IsValidUtf8(title) || text::CodePoints(title) > 100 || text::HasControlCharacters(title))
      return Error::Invalid(field + ".title", field + ".title must be text of at most 100 characters").Because("too_long", 100);
    if (title.empty()) title = parsed->host();
    out.push_back({std::move(title), std::move(url)});
  }
  return out;
}

}  // namespace agora::people
