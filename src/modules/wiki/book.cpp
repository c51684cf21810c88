#include "modules/wiki/book.h"

#include <algorithm>

#include "core/text.h"
#include "http/request.h"

namespace agora::wiki {
namespace {

// The value of attribute `name` in a tag's text (cmark writes name="value", values escaped).
std::optional<std::string> Attribute(std::string_view tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const size_t at = tag.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  const size_t start = at + key.size();
  const size_t end = tag.find('"', start);
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(tag.substr(start, end - start));
}

// The HTML escapes cmark writes in attributes, undone (to compare and to decode paths).
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) {
      out.push_back(s[i]);
      continue;
    }
    const std::string_view entity = s.substr(i + 1, semi - i - 1);
    if (entity == "amp") out.push_back('&');
    else if (entity == "lt") out.push_back('<');
    else if (entity == "gt") out.push_back('>');
    else if (entity == "quot") out.push_back('"');
    else if (entity == "#39") out.push_back('\'');
    else {
      out.append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::string RewritePage(std::string_view html, const BookLinkTarget& target,
                        const std::function<std::optional<std::string>(std::string_view src)>& keep_image, std::string_view id_prefix,
                        std::string_view image_word) {
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  bool in_plain_link = false;  // an <a> made a <span>: its </a> too
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      const size_t next = html.find('<', i);
      out.append(html.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i));
      i = next == std::string_view::npos ? html.size() : next;
      continue;
    }
    const size_t end = html.find('>', i);
    if (end == std::string_view::npos) {
      out.append(html.substr(i));
      break;
    }
    std::string_view tag = html.substr(i, end - i + 1);
    i = end + 1;
    if (StartsWith(tag, "<a ") || tag == "<a>") {
      const auto href = Attribute(tag, "href");
      const auto to = href ? target(Unescape(*href)) : std::nullopt;
      if (to) {
        out += "<a href=\"" + text::HtmlEscape(*to) + "\">";
        in_plain_link = false;
      } else {
        out += "<span>";
        in_plain_link = true;
      }
      continue;
    }
    if (tag == "</a>") {
      out += in_plain_link ? "</span>" : "</a>";
      in_plain_link = false;
      continue;
    }
    if (StartsWith(tag, "<img ")) {
      const auto src = Attribute(tag, "src");
      const std::string alt = Unescape(Attribute(tag, "alt").value_or(""));
      if (auto kept = src ? keep_image(Unescape(*src)) : std::nullopt)
        out += "<img src=\"" + text::HtmlEscape(*kept) + "\" alt=\"" + text::HtmlEscape(alt) + "\" />";
      else
        out += "<span class=\"image-left-out\">[" + text::HtmlEscape(std::string(image_word)) + (alt.empty() ? "" : ": " + text::HtmlEscape(alt)) +
               "]</span>";
      continue;
    }
    // Ids made unique across pages sharing one document.
    if (!id_prefix.empty()) {
      const size_t at = tag.find(" id=\"");
      if (at != std::string_view::npos) {
        out.append(tag.substr(0, at + 5));
        out.append(id_prefix);
        out.append(tag.substr(at + 5));
        continue;
      }
    }
    out.append(tag);
  }
  return out;
}

BookLinkTarget BookLinks(const Book& book, const std::string& base_url, bool one_document, Id chapter) {
  return [&book, base_url, one_document, chapter](std::string_view href) -> std::optional<std::string> {
    if (href.empty()) return std::nullopt;
    if (href[0] == '#') {
      if (!one_document) return std::string(href);
      return "#p" + IdToString(chapter) + "-" + std::string(href.substr(1));
    }
    if (StartsWith(href, "https://") || StartsWith(href, "http://") || StartsWith(href, "mailto:")) return std::string(href);
    if (href[0] != '/' || StartsWith(href, "//")) return std::nullopt;
    if (StartsWith(href, "/wiki/")) {
      // /wiki/{space}/{slug}[#heading]; a link to a missing page (?create=) is plain words.
      if (href.find("?create=") != std::string_view::npos) return std::nullopt;
      std::string_view rest = href.substr(6);
      std::string_view fragment;
      if (auto hash = rest.find('#'); hash != std::string_view::npos) {
        fragment = rest.substr(hash + 1);
        rest = rest.substr(0, hash);
      }
      const size_t slash = rest.find('/');
      if (slash != std::string_view::npos) {
        auto space = http::PercentDecode(rest.substr(0, slash));
        auto slug = http::PercentDecode(rest.substr(slash + 1));
        if (space && slug && *space == book.space_handle) {
          auto it = std::find_if(book.chapters.begin(), book.chapters.end(), [&](const BookChapter& ch) { return ch.slug == *slug; });
          if (it != book.chapters.end()) {
            const std::string id = IdToString(it->page);
            if (one_document) return fragment.empty() ? "#page-" + id : "#p" + id + "-" + std::string(fragment);
            return "p" + id + ".xhtml" + (fragment.empty() ? "" : "#" + std::string(fragment));
          }
        }
      }
    }
    if (base_url.empty()) return std::nullopt;
    return base_url + std::string(href);
  };
}

std::optional<std::string> BookImageFile(const Book& book, std::string_view src) {
  constexpr std::string_view kPrefix = "/api/v1/images/";
  if (!StartsWith(src, kPrefix)) return std::nullopt;
  const std::string_view rest = src.substr(kPrefix.size());
  auto id = ParseId(rest.substr(0, rest.find('/')));
  if (!id) return std::nullopt;
  for (const auto& image : book.images)
    if (image.id == *id) return image.file;
  return std::nullopt;
}

std::string BookHtml(const Book& book, const BookWords& words, const std::string& base_url) {
  const auto esc = [](std::string_view s) { return text::HtmlEscape(s); };
  std::string h;
  h += "<!DOCTYPE html><html lang=\"" + esc(book.language) + "\"><head><meta charset=\"utf-8\"><title>" + esc(book.title) + "</title>";
  // Print styles: A4, page numbers, a new sheet per page, the contents with dotted leaders
  // and page numbers (weasyprint's target-counter), bookmarks for chapters only.
  h += R"(<style>
@page { size: A4; margin: 2cm 2cm 2.2cm; @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
@page :first { @bottom-center { content: none; } }
html { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.45; color: #111; }
h1, h2, h3, h4, h5, h6 { font-family: "DejaVu Sans", sans-serif; line-height: 1.2; bookmark-level: none; }
.title-page { page-break-after: always; padding-top: 7cm; text-align: center; }
.title-page h1 { font-size: 28pt; margin: 0 0 0.5cm; }
.title-page .made { color: #555; margin-top: 2cm; font-size: 10pt; }
.contents { page-break-after: always; }
.contents h1 { bookmark-level: 1; }
.contents ol { list-style: none; padding-left: 0; }
.contents ol ol { padding-left: 1.2em; }
.contents a { color: inherit; text-decoration: none; }
.contents a::after { content: leader(".") target-counter(attr(href), page); }
section.chapter { page-break-before: always; }
h1.chapter-title { font-size: 20pt; border-bottom: 1px solid #999; padding-bottom: 0.2cm; }
.chapter-meta { color: #555; font-size: 9pt; }
pre, code { font-family: "DejaVu Sans Mono", monospace; font-size: 9pt; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: 0.3cm; }
blockquote { border-left: 3px solid #bbb; margin-left: 0; padding-left: 0.5cm; color: #333; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 2pt 4pt; }
img { max-width: 100%; }
a { color: #0b57d0; }
.image-left-out { color: #555; font-style: italic; }
</style></head><body>)";
  h += "<section class=\"title-page\"><h1>" + esc(book.title) + "</h1>";
  if (!book.description.empty()) h += "<p>" + esc(book.description) + "</p>";
  h += "<p class=\"made\">" + esc(words.made) + "</p></section>";
  // The contents, nested by depth.
  h += "<nav class=\"contents\"><h1>" + esc(words.contents) + "</h1><ol>";
  int depth = 0;
  for (size_t i = 0; i < book.chapters.size(); ++i) {
    const auto& ch = book.chapters[i];
    for (; depth < ch.depth; ++depth) h += "<ol>";
    for (; depth > ch.depth; --depth) h += "</ol>";
    h += "<li><a href=\"#page-" + IdToString(ch.page) + "\">" + esc(ch.title) + "</a></li>";
  }
  for (; depth > 0; --depth) h += "</ol>";
  h += "</ol></nav>";
  for (const auto& ch : book.chapters) {
    const std::string id = IdToString(ch.page);
    h += "<section class=\"chapter\" id=\"page-" + id + "\"><h1 class=\"chapter-title\" style=\"bookmark-level: " +
         std::to_string(std::min(ch.depth + 1, 6)) + "\">" + esc(ch.title) + "</h1>";
    h += "<p class=\"chapter-meta\">" + esc(ch.byline) + "</p>";
    h += RewritePage(ch.html, BookLinks(book, base_url, true, ch.page), [&book](std::string_view src) { return BookImageFile(book, src); },
                     "p" + id + "-", words.image);
    h += "</section>";
  }
  h += "</body></html>";
  return h;
}

}  // namespace agora::wiki
