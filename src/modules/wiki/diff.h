// A readable difference between two revisions of a page: the changed lines with a few
// around them, and inside each changed line the words that changed. Both are libgit2's diff
// (git_diff_buffers): once over lines, then, for each removed line paired with the added
// line that replaced it, over their words put one to a line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace agora::wiki {

struct DiffPiece {
  std::string text;
  bool changed = false;  // removed (on a '-' line) or added (on a '+' line)
};

struct DiffLine {
  char op = ' ';  // ' ' the same, '-' removed, '+' added
  int old_line = 0, new_line = 0;  // 1-based; 0 where the line is not on that side
  std::vector<DiffPiece> pieces;   // the line's text (without its newline), in pieces
};

struct DiffHunk {
  int old_start = 0, old_lines = 0, new_start = 0, new_lines = 0;
  std::vector<DiffLine> lines;
};

std::vector<DiffHunk> DiffTexts(std::string_view from, std::string_view to, int context_lines = 3);

// For each line of `to` (1-based, in order), the line of `from` it is (the diff's unchanged
// lines), or 0 for a line `to` added: how "who wrote what" (blame.h) follows lines through
// revisions.
std::vector<int> LineOrigins(std::string_view from, std::string_view to);

// The diff as unified-diff text ("@@ -1,3 +1,4 @@", "-old", "+new"): mail.
std::string UnifiedText(const std::vector<DiffHunk>& hunks);

}  // namespace agora::wiki
