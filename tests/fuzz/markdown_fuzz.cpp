// Markdown as people write it: rendering with mentions and hashtags (a resolver that knows
// some handles), a wiki page's [[links]] and heading ids, and the plain renderer used for bios and descriptions. The output must never
// carry a script, an event handler or an image from another server.
#include <cstddef>
#include <cstdint>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/markdown.h"

namespace {
// Text may say anything ("javascript:" in a sentence is escaped text); tags and attributes
// may not: no script or frame, no event handler, no script address, no picture from elsewhere.
void Check(const std::string& html) {
  std::string lower;
  for (char c : html) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* banned : {"<script", "<iframe", "<object", "<embed", "href=\"javascript:", "src=\"javascript:",
                             "href=\"vbscript:", "href=\"data:text", "<img src=\"http", "<img src=\"//"})
    if (lower.find(banned) != std::string::npos) std::abort();
  for (size_t open = lower.find('<'); open != std::string::npos; open = lower.find('<', open + 1)) {
    size_t close = lower.find('>', open);
    std::string_view tag = std::string_view(lower).substr(open, close == std::string::npos ? std::string::npos : close - open);
    // Attribute names are what stands outside quotes: " on<letters>=" there is a handler.
    bool quoted = false;
    for (size_t i = 0; i < tag.size(); ++i) {
      if (tag[i] == '"') quoted = !quoted;
      if (quoted || tag.compare(i, 3, " on") != 0) continue;
      size_t j = i + 3;
      while (j < tag.size() && std::isalpha(static_cast<unsigned char>(tag[j]))) ++j;
      if (j > i + 3 && j < tag.size() && tag[j] == '=') std::abort();
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rendered = agora::markdown::RenderPost(text, [](const std::string& handle) -> std::optional<std::string> {
    if (handle.size() % 2 == 0) return "/people/" + handle;  // half the handles exist
    return std::nullopt;
  });
  Check(rendered.html);
  for (const auto& tag : rendered.tags)
    if (agora::markdown::NormalizeTag(tag) != tag) std::abort();
  Check(agora::markdown::ToHtml(text));
  // A wiki page: [[links]] (half of them to pages that exist) and headings with ids.
  auto page = agora::markdown::RenderPage(
      text, nullptr, [](const std::string& target) -> std::optional<std::string> {
        if (target.size() % 2 == 0) return "/wiki/s/page";
        return std::nullopt;
      });
  Check(page.html);
  for (const auto& h : page.headings)
    for (char c : h.id)
      if (c == '"' || c == '<' || c == '>' || c == '&' || c == ' ') std::abort();
  return 0;
}
