// Inline links and pictures in Markdown text as written ("[words](target "title")",
// "![words](target)"), found by a small scanner: what imports rewrite (pandoc's links to
// wiki pages, links between Markdown files). Not a Markdown parser: code spans are not told
// apart, which for these texts (made by pandoc, or written for another wiki) does not matter.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace agora::wiki {

struct MdLink {
  bool picture = false;  // "![...](...)"
  std::string words;     // between the brackets
  std::string target;    // the address, without <>
  std::string title;     // the quoted title, or ""
};

// `text` with each link or picture replaced by what `rewrite` returns (nullopt: as it was).
std::string RewriteMdLinks(std::string_view text, const std::function<std::optional<std::string>(const MdLink&)>& rewrite);

}  // namespace agora::wiki
