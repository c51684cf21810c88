#include "modules/wiki/titles.h"

#include "core/text.h"

namespace agora::wiki {

Result<std::string> CheckTitle(std::string_view title, std::string_view field) {
  std::string out;
  bool space = false;
  for (char c : text::Trim(title)) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
      return Error::Invalid(std::string(field), std::string(field) + " may not hold control characters");
    if (std::string_view("[]|#<>{}").find(c) != std::string_view::npos)
      return Error::Invalid(std::string(field), std::string(field) + " may not hold any of [ ] | # < > { }");
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  if (out.empty()) return Error::Required(std::string(field));
  if (!text::IsValidUtf8(out)) return Error::Invalid(std::string(field), std::string(field) + " is not UTF-8");
  if (text::CodePoints(out) > kMaxTitle) return Error::TooLong(std::string(field), kMaxTitle);
  return out;
}

std::string TitleKey(std::string_view title) {
  std::string lower = text::Lower(text::Trim(title)), key;
  for (char c : lower) {
    if (c == ' ' || c == '_' || c == '/' || c == '\t' || c == '-') {
      if (!key.empty() && key.back() != '-') key.push_back('-');
      continue;
    }
    key.push_back(c);
  }
  while (!key.empty() && key.back() == '-') key.pop_back();
  return key;
}

bool IsHandle(std::string_view s) {
  if (s.size() < 2 || s.size() > 40) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
  }
  return true;
}

LinkTarget ParseTarget(std::string_view written) {
  std::string_view w = text::Trim(written);
  std::string section;
  if (size_t hash = w.find('#'); hash != std::string_view::npos) {
    section = std::string(text::Trim(w.substr(hash + 1)));
    w = text::Trim(w.substr(0, hash));
  }
  size_t colon = w.find(':');
  if (colon != std::string_view::npos) {
    std::string space = text::AsciiLower(text::Trim(w.substr(0, colon)));
    std::string_view title = text::Trim(w.substr(colon + 1));
    if (IsHandle(space) && !title.empty()) return {space, std::string(title), section};
  }
  return {"", std::string(w), section};
}

}  // namespace agora::wiki
