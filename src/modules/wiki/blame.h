// Who wrote what on a wiki page ("blame", issue 19): the page's revisions are followed from
// the first, each line of the text keeping the revision that last changed it (LineOrigins:
// libgit2's line diff of each revision against the one before). A paragraph (lines between
// blank lines, as Markdown reads them) is credited to the latest revision that changed any of
// its lines, and lists everyone whose revision left lines in it, the most lines first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/ids.h"

namespace agora::wiki {

struct BlameLine {
  int revision = 0;  // the revision that last changed the line
  Id author = 0;
  std::int64_t at = 0;
};

struct BlameParagraph {
  std::string text;
  BlameLine last;            // its latest change
  std::vector<Id> authors;   // whose lines it holds, the most first
};

// Follows lines through revisions given one at a time, oldest first.
class BlameBuilder {
 public:
  void Add(int revision, Id author, std::int64_t at, const std::string& body);
  std::vector<BlameParagraph> Paragraphs() const;

 private:
  std::string body_;
  std::vector<BlameLine> lines_;  // one per line of body_
};

}  // namespace agora::wiki
