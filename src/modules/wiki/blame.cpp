#include "modules/wiki/blame.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "modules/wiki/diff.h"

namespace agora::wiki {
namespace {

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    out.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

bool Blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

}  // namespace

void BlameBuilder::Add(int revision, Id author, std::int64_t at, const std::string& body) {
  const auto origins = LineOrigins(body_, body);
  std::vector<BlameLine> next;
  next.reserve(origins.size());
  for (int from : origins) next.push_back(from > 0 && static_cast<size_t>(from) <= lines_.size() ? lines_[static_cast<size_t>(from - 1)]
                                                                                                  : BlameLine{revision, author, at});
  lines_ = std::move(next);
  body_ = body;
}

std::vector<BlameParagraph> BlameBuilder::Paragraphs() const {
  std::vector<BlameParagraph> out;
  const auto lines = Lines(body_);
  std::map<Id, int> counts;
  auto close = [&] {
    if (out.empty() || counts.empty()) return;
    std::vector<std::pair<int, Id>> by_count;
    for (const auto& [who, n] : counts) by_count.emplace_back(-n, who);
    std::sort(by_count.begin(), by_count.end());
    for (const auto& [n, who] : by_count) out.back().authors.push_back(who);
    counts.clear();
  };
  bool open = false;
  for (size_t i = 0; i < lines.size() && i < lines_.size(); ++i) {
    if (Blank(lines[i])) {
      close();
      open = false;
      continue;
    }
    if (!open) {
      out.push_back({});
      open = true;
    }
    auto& p = out.back();
    if (!p.text.empty()) p.text += '\n';
    p.text += lines[i];
    if (lines_[i].revision > p.last.revision) p.last = lines_[i];
    ++counts[lines_[i].author];
  }
  close();
  return out;
}

}  // namespace agora::wiki
