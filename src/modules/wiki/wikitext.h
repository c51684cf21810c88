// MediaWiki's wikitext as Markdown (GitHub's, as pages are written here), by Debian's pandoc
// run as a separate process (-f mediawiki -t gfm), texts in batches (pandoc takes a tenth of a
// second to start). pandoc's links to wiki pages come back as [[links]] ([[Title]] or
// [[Title|words]]), categories as hashtags, and pictures whose files a dump does not hold
// as their names in words.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

namespace agora::wiki {

// Each text converted, in order; a text pandoc cannot read stays as it was, in a code block
// (and is counted in `failed`). `converted` hears how many are done after each batch. 503 when
// pandoc is not installed.
Result<std::vector<std::string>> WikitextToMarkdown(const std::vector<std::string>& texts, size_t& failed,
                                                    const std::function<void(size_t)>& converted = {});

// pandoc's Markdown for a wiki page with our links: [words](Target "wikilink") -> [[...]].
std::string WikiLinksBack(const std::string& markdown);

}  // namespace agora::wiki
