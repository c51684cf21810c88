#include "modules/wiki/wikitext.h"

#include <unistd.h>

#include <fstream>
#include <iterator>

#include "core/markdown.h"
#include "core/subprocess.h"
#include "core/text.h"
#include "http/request.h"
#include "modules/wiki/md_links.h"

namespace agora::wiki {
namespace {

constexpr const char* kPandoc = "/usr/bin/pandoc";
// A paragraph no text holds, between the texts of a batch.
constexpr const char* kSplit = "AGORAIMPORTSPLIT9F2C41";
constexpr size_t kBatchTexts = 100;
constexpr size_t kBatchBytes = 2 * 1024 * 1024;

std::string Read(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// One pandoc run over `input`; nullopt when it fails.
std::optional<std::string> Pandoc(const TempDir& dir, const std::string& input) {
  const auto in = dir.path / "in.wiki", out = dir.path / "out.md";
  {
    std::ofstream f(in, std::ios::binary);
    f << input;
  }
  const auto run = RunProcess({"/usr/bin/timeout", "120", kPandoc, "--from=mediawiki", "--to=gfm", "--wrap=none", "--output=" + out.string(),
                               in.string()});
  if (!run.ok()) return std::nullopt;
  return Read(out);
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  size_t start = 0;
  while (start < s.size() && s[start] == '\n') ++start;
  return s.substr(start) + "\n";
}

// "Main_Page" -> "Main Page" (MediaWiki's underscores are spaces; pandoc may escape them).
std::string TargetTitle(const std::string& target) {
  std::string t = http::PercentDecode(target).value_or(target);
  for (char& ch : t)
    if (ch == '_') ch = ' ';
  return t;
}

// A category as a hashtag: "Release engineering" -> #releaseengineering.
std::string CategoryTag(const std::string& name) {
  std::string words_only;
  for (char ch : name)
    if (std::string_view(" -.,:;/'\"()&_").find(ch) == std::string_view::npos) words_only.push_back(ch);
  const std::string tag = markdown::NormalizeTag(words_only);
  return tag.empty() ? "" : "#" + tag;
}

// Takes the [[Category:...]] links out of a wikitext (pandoc moves them to the end of what it
// reads, which would be another text of the batch) and returns them as hashtags.
std::string TakeCategories(std::string& wikitext) {
  std::string tags, kept;
  size_t copied = 0;
  for (size_t at = wikitext.find("[["); at != std::string::npos; at = wikitext.find("[[", at + 2)) {
    const size_t close = wikitext.find("]]", at + 2);
    if (close == std::string::npos) break;
    std::string_view inside = text::Trim(std::string_view(wikitext).substr(at + 2, close - at - 2));
    const size_t colon = inside.find(':');
    if (colon == std::string_view::npos || text::AsciiLower(text::Trim(inside.substr(0, colon))) != "category") continue;
    std::string_view name = inside.substr(colon + 1);
    name = text::Trim(name.substr(0, name.find('|')));  // [[Category:Name|sort key]]
    const std::string tag = CategoryTag(std::string(name));
    if (!tag.empty() && (" " + tags + " ").find(" " + tag + " ") == std::string::npos) tags += (tags.empty() ? "" : " ") + tag;
    kept.append(wikitext, copied, at - copied);
    copied = close + 2;
  }
  kept.append(wikitext, copied, std::string::npos);
  wikitext = std::move(kept);
  return tags;
}

// pandoc escapes Markdown's characters in a link's words; [[ ]] shows them as they are.
std::string Unescaped(std::string_view words) {
  static constexpr std::string_view kEscapable = "\\`*_{}[]()#+-.!|";
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == '\\' && i + 1 < words.size() && kEscapable.find(words[i + 1]) != std::string_view::npos) ++i;
    out.push_back(words[i]);
  }
  return out;
}

}  // namespace

std::string WikiLinksBack(const std::string& markdown) {
  return RewriteMdLinks(markdown, [](const MdLink& link) -> std::optional<std::string> {
    const bool ours = link.target.rfind("http://", 0) != 0 && link.target.rfind("https://", 0) != 0;
    if (link.picture) {
      // Pictures in the old wiki's files (not in the export): their names, in words.
      if (!ours) return std::nullopt;
      const std::string name = TargetTitle(link.target);
      return "*[" + name + (link.words.empty() || link.words == link.target ? "" : ": " + link.words) + "]*";
    }
    if (link.title != "wikilink") return std::nullopt;
    const std::string title = TargetTitle(link.target);
    if (title.rfind("Category:", 0) == 0) return CategoryTag(title.substr(9));  // a category: a hashtag of its words
    const std::string words = Unescaped(link.words);
    if (words == title || words == link.target) return "[[" + title + "]]";
    return "[[" + title + "|" + words + "]]";
  });
}

Result<std::vector<std::string>> WikitextToMarkdown(const std::vector<std::string>& texts, size_t& failed,
                                                    const std::function<void(size_t)>& converted) {
  if (::access(kPandoc, X_OK) != 0) return Error::Busy("importing from MediaWiki needs pandoc on the server (Debian: apt-get install pandoc)", 3600);
  TempDir dir("agora-wikitext");
  if (dir.path.empty()) return Error::Internal("no room to convert the pages");
  std::vector<std::string> out;
  out.reserve(texts.size());
  // Categories come back as hashtags at the end of their own text.
  std::vector<std::string> wikitexts = texts, tags(texts.size());
  for (size_t i = 0; i < wikitexts.size(); ++i) tags[i] = TakeCategories(wikitexts[i]);
  auto finish = [&](size_t i, std::string markdown) {
    if (!tags[i].empty()) markdown += "\n" + tags[i] + "\n";
    out.push_back(std::move(markdown));
  };
  const std::string split = std::string("\n\n") + kSplit + "\n\n";
  for (size_t begin = 0; begin < texts.size();) {
    size_t end = begin, bytes = 0;
    while (end < texts.size() && end - begin < kBatchTexts && (end == begin || bytes + texts[end].size() < kBatchBytes)) bytes += texts[end++].size();
    std::string input;
    for (size_t i = begin; i < end; ++i) input += (i > begin ? split : "") + wikitexts[i];
    std::vector<std::string> parts;
    if (auto md = Pandoc(dir, input)) {
      std::string s = "\n\n" + *md + "\n\n";
      size_t from = 0;
      for (size_t at; (at = s.find(std::string("\n") + kSplit + "\n", from)) != std::string::npos; from = at + std::string(kSplit).size() + 2)
        parts.push_back(s.substr(from, at - from));
      parts.push_back(s.substr(from));
    }
    if (parts.size() == end - begin) {
      for (size_t i = begin; i < end; ++i) finish(i, WikiLinksBack(Trimmed(parts[i - begin])));
    } else {
      // A text that runs into the next (an unclosed table) spoils its batch: each alone.
      for (size_t i = begin; i < end; ++i) {
        if (auto md = Pandoc(dir, wikitexts[i])) finish(i, WikiLinksBack(Trimmed(*md)));
        else {
          ++failed;
          finish(i, "```\n" + texts[i] + "\n```\n");
        }
      }
    }
    begin = end;
    if (converted) converted(begin);
  }
  return out;
}

}  // namespace agora::wiki
