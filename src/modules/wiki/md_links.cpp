#include "modules/wiki/md_links.h"

namespace agora::wiki {
namespace {

// A link beginning at `open` ('[' or the '!' before it): its end (one past ')') and parts.
std::optional<std::pair<size_t, MdLink>> LinkAt(std::string_view s, size_t open) {
  MdLink link;
  size_t i = open;
  if (s[i] == '!') {
    link.picture = true;
    ++i;
  }
  if (i >= s.size() || s[i] != '[') return std::nullopt;
  const size_t close = s.find(']', i + 1);
  if (close == std::string_view::npos || s.substr(i + 1, close - i - 1).find('[') != std::string_view::npos) return std::nullopt;
  link.words = std::string(s.substr(i + 1, close - i - 1));
  i = close + 1;
  if (i >= s.size() || s[i] != '(') return std::nullopt;
  ++i;
  const bool angled = i < s.size() && s[i] == '<';
  if (angled) ++i;
  const size_t target_begin = i;
  // <an address with spaces>, or one without them.
  while (i < s.size() && s[i] != '\n' && (angled ? s[i] != '>' : s[i] != ')' && s[i] != ' ')) ++i;
  link.target = std::string(s.substr(target_begin, i - target_begin));
  if (angled && i < s.size() && s[i] == '>') ++i;
  if (i + 1 < s.size() && s[i] == ' ' && s[i + 1] == '"') {
    const size_t end_quote = s.find('"', i + 2);
    if (end_quote == std::string_view::npos) return std::nullopt;
    link.title = std::string(s.substr(i + 2, end_quote - i - 2));
    i = end_quote + 1;
  }
  if (i >= s.size() || s[i] != ')' || link.target.empty()) return std::nullopt;
  return std::pair{i + 1, std::move(link)};
}

}  // namespace

std::string RewriteMdLinks(std::string_view text, const std::function<std::optional<std::string>(const MdLink&)>& rewrite) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '[' && !(text[i] == '!' && i + 1 < text.size() && text[i + 1] == '[')) continue;
    auto found = LinkAt(text, i);
    if (!found) continue;
    auto replacement = rewrite(found->second);
    if (!replacement) {
      i = found->first - 1;
      continue;
    }
    out.append(text.substr(copied, i - copied));
    out += *replacement;
    copied = found->first;
    i = found->first - 1;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace agora::wiki
