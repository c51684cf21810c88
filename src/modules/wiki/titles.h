// Page titles and the names pages are found by. A title is what people write ("Release
// checklist"); its key ("release-checklist") is what a link, an address and the uniqueness
// in a space compare: lower case, with runs of spaces, '_' and '/' made one '-', so
// [[release checklist]], [[Release_Checklist]] and /wiki/ops/release-checklist find the
// same page (MediaWiki's "spaces are underscores", and case too).
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace agora::wiki {

inline constexpr size_t kMaxTitle = 200;

// Trimmed, inner runs of white space one space; 422 naming `field` when empty, over
// kMaxTitle code points, or holding one of [ ] | # < > { } or a control character (they
// would make the title impossible to link to).
Result<std::string> CheckTitle(std::string_view title, std::string_view field = "title");
std::string TitleKey(std::string_view title);

// What a [[link]] names: "ops:Runbook" names Runbook in the space "ops" when the part before
// the first ':' could be a space's handle (the caller then checks that the space exists);
// otherwise the whole is a title in the linking page's space. "Runbook#Rolling back" names
// the heading "Rolling back" in it, and "#Rolling back" a heading of the linking page.
struct LinkTarget {
  std::string space;    // "" for the page's own space
  std::string title;    // "" for a heading of the linking page
  std::string section;  // a heading's words, or ""
};
LinkTarget ParseTarget(std::string_view written);
// A space's handle: 2 to 40 of a-z 0-9 '-' '_', beginning with a letter or digit.
bool IsHandle(std::string_view s);

}  // namespace agora::wiki
