#include "modules/wiki/merge.h"

#include <git2.h>

#include <mutex>
#include <stdexcept>

namespace agora::wiki {
namespace {

void InitLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

// Long markers: a line of 7 '<' in a page (a quoted merge, say) is not taken for one.
constexpr unsigned short kMarkerSize = 24;
const std::string kOurs(kMarkerSize, '<'), kSeparator(kMarkerSize, '='), kTheirs(kMarkerSize, '>');

git_merge_file_input Input(std::string_view text) {
  // (the *_init functions, not the INIT macros, which leave fields to zero-fill: clang warns)
  git_merge_file_input in;
  git_merge_file_input_init(&in, GIT_MERGE_FILE_INPUT_VERSION);
  in.ptr = text.data();
  in.size = text.size();
  in.path = "page.md";
  in.mode = 0100644;
  return in;
}

// Lines end with '\n'; a text that does not gets one for the merge (xdiff would mark its last
// line "changed" on both sides otherwise) and loses it after.
std::string WithNewline(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  return out;
}

bool StartsWith(std::string_view line, const std::string& marker) {
  return line.size() >= marker.size() && line.substr(0, marker.size()) == marker;
}

std::vector<MergePassage> Passages(std::string_view merged) {
  std::vector<MergePassage> out;
  enum { kAgreed, kInTheirs, kInYours } state = kAgreed;
  MergePassage current;
  auto flush_agreed = [&] {
    if (!current.text.empty()) out.push_back(std::move(current));
    current = MergePassage{};
  };
  size_t at = 0;
  while (at < merged.size()) {
    size_t end = merged.find('\n', at);
    std::string_view line = merged.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at + 1);
    at = end == std::string_view::npos ? merged.size() : end + 1;
    if (state == kAgreed && StartsWith(line, kOurs)) {
      flush_agreed();
      current.conflict = true;
      state = kInTheirs;
    } else if (state == kInTheirs && StartsWith(line, kSeparator)) {
      state = kInYours;
    } else if (state == kInYours && StartsWith(line, kTheirs)) {
      out.push_back(std::move(current));
      current = MergePassage{};
      state = kAgreed;
    } else if (state == kInTheirs) {
      current.theirs += line;
    } else if (state == kInYours) {
      current.yours += line;
    } else {
      current.text += line;
    }
  }
  if (state == kAgreed) flush_agreed();
  else out.push_back(std::move(current));
  return out;
}

}  // namespace

MergeResult MergeThreeWay(std::string_view base, std::string_view theirs, std::string_view yours) {
  InitLibgit2();
  const bool newline = (!yours.empty() && yours.back() == '\n') || (yours.empty() && !theirs.empty() && theirs.back() == '\n');
  const std::string b = WithNewline(base), t = WithNewline(theirs), y = WithNewline(yours);
  git_merge_file_input ancestor = Input(b), ours = Input(t), mine = Input(y);
  git_merge_file_options opts;
  git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
  opts.marker_size = kMarkerSize;
  opts.flags = GIT_MERGE_FILE_STYLE_MERGE;
  git_merge_file_result result{};
  if (git_merge_file(&result, &ancestor, &ours, &mine, &opts) != 0) {
    const git_error* e = git_error_last();
    throw std::runtime_error(std::string("git_merge_file: ") + (e && e->message ? e->message : "failed"));
  }
  MergeResult out;
  std::string merged(result.ptr ? result.ptr : "", result.len);
  out.clean = result.automergeable != 0;
  git_merge_file_result_free(&result);
  if (out.clean) {
    if (!newline && !merged.empty() && merged.back() == '\n') merged.pop_back();
    out.text = std::move(merged);
  } else {
    out.passages = Passages(merged);
  }
  return out;
}

}  // namespace agora::wiki
