// Three-way merge of a page's text (libgit2's git_merge_file on memory buffers: git's own
// xdiff merge), so that an edit begun from an older revision never overwrites one saved in
// between: both changes are kept when they touch different lines; where they touch the same
// lines the passage is a conflict the writer resolves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace agora::wiki {

// A run of the merged text: agreed text, or a conflict with what each side made of it.
struct MergePassage {
  bool conflict = false;
  std::string text;           // agreed text (conflict false)
  std::string theirs, yours;  // the saved revision's lines and the writer's (conflict true)
};

struct MergeResult {
  bool clean = false;
  std::string text;                   // the merged text when clean
  std::vector<MergePassage> passages;  // the whole text in passages when not
};

// `base`: the revision the writer began from; `theirs`: the revision saved since; `yours`:
// what the writer sends.
MergeResult MergeThreeWay(std::string_view base, std::string_view theirs, std::string_view yours);

}  // namespace agora::wiki
