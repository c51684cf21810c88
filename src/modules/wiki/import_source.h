// What moving pages from another wiki brings (issue 19, "import"), whatever its source:
// pages with their revisions, oldest first, in Markdown.
// - A MediaWiki XML export (Special:Export, or dumpBackup.php): the articles (namespace 0)
//   with every revision the file holds, their wikitext converted by pandoc (wikitext.h);
//   "A/B" goes below "A" when the file has "A"; redirects become old names of their target.
// - A zip of Markdown files: each file a page, titled by its front matter's `title:`, its
//   first "# heading" or its name; a folder's pages go below the folder's own page ("guide.md"
//   or "guide/index.md"; one is made when there is none); links between the files become
//   [[links]]. Markdown files have no history: one revision each, at the file's time.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace agora::wiki {

struct ImportRevision {
  std::string author;  // as the source names them ("Ana Berg", "ana"); "" unknown
  std::int64_t at = 0;
  std::string summary;
  std::string text;  // Markdown (wikitext until converted)
};

struct ImportPage {
  std::string title;
  std::string parent;  // its parent's title, "" at the top
  std::vector<ImportRevision> revisions;
};

struct ImportSource {
  std::vector<ImportPage> pages;                           // parents before their children
  std::vector<std::pair<std::string, std::string>> redirects;  // (old title, the page's title)
  std::vector<std::string> left_out;                       // what was not brought, and why
};

// Progress while converting: (revisions done, of total).
using ImportProgress = std::function<void(size_t, size_t)>;

Result<ImportSource> ReadMediaWiki(std::string_view xml, const ImportProgress& progress);
Result<ImportSource> ReadMarkdownZip(std::string_view zip);

}  // namespace agora::wiki
