// Markdown as people write it: rendering with mentions and hashtags (a resolver that knows
// some handles), and the plain renderer used for bios and descriptions. The output must never
// carry a script, an event handler or an image from another server.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/markdown.h"

namespace {
void Check(const std::string& html) {
  for (const char* banned : {"<script", "javascript:", "onerror=", "<iframe", "<img src=\"http", "<img src=\"//"})
    if (html.find(banned) != std::string::npos) std::abort();
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
  return 0;
}
