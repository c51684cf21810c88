#include "modules/wiki/diff.h"

#include <git2.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace agora::wiki {
namespace {

void InitLibgit2() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

struct RawLine {
  char op;
  int old_line, new_line;
  std::string text;
};
struct RawHunk {
  int old_start, old_lines, new_start, new_lines;
  std::vector<RawLine> lines;
};

int OnHunk(const git_diff_delta*, const git_diff_hunk* h, void* payload) {
  auto* hunks = static_cast<std::vector<RawHunk>*>(payload);
  hunks->push_back({h->old_start, h->old_lines, h->new_start, h->new_lines, {}});
  return 0;
}

int OnLine(const git_diff_delta*, const git_diff_hunk*, const git_diff_line* l, void* payload) {
  auto* hunks = static_cast<std::vector<RawHunk>*>(payload);
  if (hunks->empty()) return 0;
  char op = l->origin;
  if (op != ' ' && op != '-' && op != '+') return 0;  // "no newline at end of file" notes
  std::string text(l->content, l->content_len);
  if (!text.empty() && text.back() == '\n') text.pop_back();
  hunks->back().lines.push_back({op, l->old_lineno > 0 ? l->old_lineno : 0, l->new_lineno > 0 ? l->new_lineno : 0, std::move(text)});
  return 0;
}

std::vector<RawHunk> RawDiff(std::string_view from, std::string_view to, int context_lines) {
  InitLibgit2();
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  opts.context_lines = static_cast<uint32_t>(context_lines);
  opts.flags = GIT_DIFF_FORCE_TEXT;
  std::vector<RawHunk> hunks;
  if (git_diff_buffers(from.data(), from.size(), "a", to.data(), to.size(), "b", &opts, nullptr, nullptr, OnHunk, OnLine, &hunks) != 0) {
    const git_error* e = git_error_last();
    throw std::runtime_error(std::string("git_diff_buffers: ") + (e && e->message ? e->message : "failed"));
  }
  return hunks;
}

// Words and the spaces and punctuation between them, each a token of its own.
std::vector<std::string> Tokens(std::string_view line) {
  std::vector<std::string> out;
  auto kind = [](unsigned char c) { return c >= 0x80 || std::isalnum(c) ? 0 : std::isspace(c) ? 1 : 2; };
  for (size_t i = 0; i < line.size();) {
    size_t j = i + 1;
    int k = kind(static_cast<unsigned char>(line[i]));
    if (k != 2)
      while (j < line.size() && kind(static_cast<unsigned char>(line[j])) == k) ++j;
    out.emplace_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string OnePerLine(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    for (char c : t) out.push_back(c == '\n' ? ' ' : c);
    out.push_back('\n');
  }
  return out;
}

// Marks the tokens of `removed` and `added` that the word diff says changed.
void MarkWords(const std::string& removed, const std::string& added, std::vector<DiffPiece>& old_pieces,
               std::vector<DiffPiece>& new_pieces) {
  auto a = Tokens(removed), b = Tokens(added);
  std::vector<bool> a_changed(a.size(), false), b_changed(b.size(), false);
  for (const auto& h : RawDiff(OnePerLine(a), OnePerLine(b), 0))
    for (const auto& l : h.lines) {
      if (l.op == '-' && l.old_line > 0 && static_cast<size_t>(l.old_line) <= a.size()) a_changed[static_cast<size_t>(l.old_line - 1)] = true;
      if (l.op == '+' && l.new_line > 0 && static_cast<size_t>(l.new_line) <= b.size()) b_changed[static_cast<size_t>(l.new_line - 1)] = true;
    }
  auto pieces = [](const std::vector<std::string>& tokens, const std::vector<bool>& changed) {
    std::vector<DiffPiece> out;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!out.empty() && out.back().changed == changed[i]) out.back().text += tokens[i];
      else out.push_back({tokens[i], changed[i]});
    }
    return out;
  };
  old_pieces = pieces(a, a_changed);
  new_pieces = pieces(b, b_changed);
}

}  // namespace

std::vector<DiffHunk> DiffTexts(std::string_view from, std::string_view to, int context_lines) {
  // A last line without its newline is the same line as with one, to a reader.
  std::string a(from), b(to);
  if (!a.empty() && a.back() != '\n') a.push_back('\n');
  if (!b.empty() && b.back() != '\n') b.push_back('\n');
  std::vector<DiffHunk> out;
  for (auto& raw : RawDiff(a, b, context_lines)) {
    DiffHunk h{raw.old_start, raw.old_lines, raw.new_start, raw.new_lines, {}};
    for (size_t i = 0; i < raw.lines.size();) {
      if (raw.lines[i].op != '-') {
        const auto& l = raw.lines[i];
        h.lines.push_back({l.op, l.old_line, l.new_line, {{l.text, l.op != ' '}}});
        ++i;
        continue;
      }
      // A run of removed lines and the run of added lines after it: the n-th removed line
      // was replaced by the n-th added one, and their words are compared.
      size_t removed_end = i;
      while (removed_end < raw.lines.size() && raw.lines[removed_end].op == '-') ++removed_end;
      size_t added_end = removed_end;
      while (added_end < raw.lines.size() && raw.lines[added_end].op == '+') ++added_end;
      const size_t removed = removed_end - i, added = added_end - removed_end;
      std::vector<DiffLine> minus, plus;
      for (size_t k = 0; k < removed; ++k) {
        const auto& l = raw.lines[i + k];
        minus.push_back({'-', l.old_line, 0, {{l.text, true}}});
      }
      for (size_t k = 0; k < added; ++k) {
        const auto& l = raw.lines[removed_end + k];
        plus.push_back({'+', 0, l.new_line, {{l.text, true}}});
      }
      for (size_t k = 0; k < std::min(removed, added); ++k)
        MarkWords(raw.lines[i + k].text, raw.lines[removed_end + k].text, minus[k].pieces, plus[k].pieces);
      for (auto& l : minus) h.lines.push_back(std::move(l));
      for (auto& l : plus) h.lines.push_back(std::move(l));
      i = added_end;
    }
    out.push_back(std::move(h));
  }
  return out;
}

namespace {
std::string WithLastNewline(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  return out;
}
int CountLines(std::string_view text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }
}  // namespace

std::vector<int> LineOrigins(std::string_view from, std::string_view to) {
  const std::string a = WithLastNewline(from), b = WithLastNewline(to);
  const int old_count = CountLines(a), new_count = CountLines(b);
  std::vector<bool> removed(static_cast<size_t>(old_count) + 1, false), added(static_cast<size_t>(new_count) + 1, false);
  for (const auto& h : RawDiff(a, b, 0))
    for (const auto& l : h.lines) {
      if (l.op == '-' && l.old_line > 0 && l.old_line <= old_count) removed[static_cast<size_t>(l.old_line)] = true;
      if (l.op == '+' && l.new_line > 0 && l.new_line <= new_count) added[static_cast<size_t>(l.new_line)] = true;
    }
  // The lines neither side changed pair up in order.
  std::vector<int> out(static_cast<size_t>(new_count), 0);
  int old_line = 1;
  for (int new_line = 1; new_line <= new_count; ++new_line) {
    if (added[static_cast<size_t>(new_line)]) continue;
    while (old_line <= old_count && removed[static_cast<size_t>(old_line)]) ++old_line;
    if (old_line <= old_count) out[static_cast<size_t>(new_line - 1)] = old_line++;
  }
  return out;
}

std::string UnifiedText(const std::vector<DiffHunk>& hunks) {
  std::string out;
  for (const auto& h : hunks) {
    out += "@@ -" + std::to_string(h.old_start) + "," + std::to_string(h.old_lines) + " +" + std::to_string(h.new_start) + "," +
           std::to_string(h.new_lines) + " @@\n";
    for (const auto& l : h.lines) {
      out.push_back(l.op);
      for (const auto& p : l.pieces) out += p.text;
      out.push_back('\n');
    }
  }
  return out;
}

}  // namespace agora::wiki
