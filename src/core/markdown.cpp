#include "core/markdown.h"

#include <cctype>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <mutex>

#include "core/text.h"

namespace agora::markdown {
namespace {

constexpr int kOptions = CMARK_OPT_DEFAULT;  // safe mode (CMARK_OPT_UNSAFE would let raw HTML through)

cmark_parser* NewParser() {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  cmark_parser* parser = cmark_parser_new(kOptions);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, ext);
  return parser;
}

// cmark's HTML, passed to `make` as a view (and freed after): a page's HTML is copied once.
template <typename Make>
std::string WithHtml(cmark_node* doc, cmark_parser* parser, Make make) {
  char* html = cmark_render_html(doc, kOptions, cmark_parser_get_syntax_extensions(parser));
  std::string out = make(std::string_view(html ? html : ""));
  cmark_get_default_mem_allocator()->free(html);
  return out;
}
std::string RenderHtml(cmark_node* doc, cmark_parser* parser) {
  return WithHtml(doc, parser, [](std::string_view html) { return std::string(html); });
}

// The code point at s[i] and its length in bytes (U+FFFD, 1 for a bad byte).
std::pair<UChar32, int> CodePointAt(std::string_view s, size_t i) {
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  if (c < 0) c = 0xFFFD;
  return {c, pos - static_cast<int32_t>(i)};
}
// The code point ending just before s[i] (0 at the start).
UChar32 CodePointBefore(std::string_view s, size_t i) {
  if (i == 0) return 0;
  int32_t pos = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(s.data(), 0, pos, c);
  return c < 0 ? 0xFFFD : c;
}

bool IsTagChar(UChar32 c) { return u_isalnum(c) || c == '_' || c == '-' || u_hasBinaryProperty(c, UCHAR_ALPHABETIC); }
bool IsHandleChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// A token found in a text node: [begin, end) of the node's literal.
struct Token {
  size_t begin, end;
  bool mention;
  std::string value;  // handle or tag, normalized
};

std::optional<Token> HashtagAt(std::string_view s, size_t i) {
  UChar32 before = CodePointBefore(s, i);
  if (before && (u_isalnum(before) || before == '&' || before == '#' || IsTagChar(before))) return std::nullopt;
  size_t end = i + 1;
  while (end < s.size()) {
    auto [c, len] = CodePointAt(s, end);
    if (!IsTagChar(c)) break;
    end += static_cast<size_t>(len);
  }
  while (end > i + 1 && (s[end - 1] == '-')) --end;
  std::string tag = NormalizeTag(s.substr(i + 1, end - i - 1));
  if (tag.empty()) return std::nullopt;
  return Token{i, end, false, std::move(tag)};
}

std::optional<Token> MentionAt(std::string_view s, size_t i) {
  UChar32 before = CodePointBefore(s, i);
  if (before && (u_isalnum(before) || before == '.' || before == '_' || before == '-' || before == '@')) return std::nullopt;
  size_t end = i + 1;
  while (end < s.size() && IsHandleChar(s[end])) ++end;
  while (end > i + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;
  size_t n = end - i - 1;
  if (n < 3 || n > 30) return std::nullopt;
  return Token{i, end, true, text::AsciiLower(s.substr(i + 1, n))};
}

bool InsideLink(cmark_node* node) {
  for (cmark_node* p = cmark_node_parent(node); p; p = cmark_node_parent(p)) {
    auto t = cmark_node_get_type(p);
    if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) return true;
  }
  return false;
}

void AddOnce(std::vector<std::string>& list, const std::string& v) {
  if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
}

cmark_node* TextNode(std::string_view s) {
  cmark_node* n = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(n, std::string(s).c_str());
  return n;
}

// Splits one text node around its mentions and tags, turning them into links.
void LinkTokens(cmark_node* node, const MentionResolver& person_url, Rendered& out) {
  std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
  std::string_view s = literal;
  std::vector<std::pair<Token, std::string>> found;  // token, url
  for (size_t i = 0; i < s.size(); ++i) {
    std::optional<Token> t;
    if (s[i] == '#') t = HashtagAt(s, i);
    else if (s[i] == '@') t = MentionAt(s, i);
    if (!t) continue;
    std::string url;
    if (t->mention) {
      auto resolved = person_url ? person_url(t->value) : std::nullopt;
      if (!resolved) continue;
      url = *resolved;
      AddOnce(out.mentions, t->value);
    } else {
      url = "/tags/" + t->value;
      AddOnce(out.tags, t->value);
    }
    i = t->end - 1;
    found.emplace_back(std::move(*t), std::move(url));
  }
  if (found.empty()) return;
  size_t at = 0;
  for (auto& [t, url] : found) {
    if (t.begin > at) cmark_node_insert_before(node, TextNode(s.substr(at, t.begin - at)));
    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
    cmark_node_set_url(link, url.c_str());
    cmark_node_append_child(link, TextNode(s.substr(t.begin, t.end - t.begin)));
    cmark_node_insert_before(node, link);
    at = t.end;
  }
  if (at < s.size()) cmark_node_insert_before(node, TextNode(s.substr(at)));
  cmark_node_free(node);  // unlinks it
}

// Only pictures of this site stay pictures: one from another server becomes a link to it, so
// that the HTML never makes a reader's browser fetch from elsewhere as it opens (a tracking
// pixel for anyone showing the API's HTML; our own pages' CSP would block it anyway).
bool IsOwnPath(const char* url) {
  std::string_view u = url ? url : "";
  return u.size() >= 2 && u[0] == '/' && u[1] != '/' && u[1] != '\\';
}

void LinkRemoteImages(cmark_node* doc) {
  std::vector<cmark_node*> remote;
  cmark_iter* iter = cmark_iter_new(doc);
  for (auto ev = cmark_iter_next(iter); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(iter)) {
    cmark_node* n = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_IMAGE && !IsOwnPath(cmark_node_get_url(n)))
      remote.push_back(n);
  }
  cmark_iter_free(iter);
  for (cmark_node* image : remote) {
    cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
    const char* url = cmark_node_get_url(image);
    cmark_node_set_url(link, url ? url : "");
    if (const char* title = cmark_node_get_title(image)) cmark_node_set_title(link, title);
    while (cmark_node* child = cmark_node_first_child(image)) {
      cmark_node_unlink(child);
      cmark_node_append_child(link, child);
    }
    if (!cmark_node_first_child(link)) cmark_node_append_child(link, TextNode(url ? url : ""));  // no alt text
    cmark_node_insert_before(image, link);
    cmark_node_free(image);
  }
}

// A link cmark's safe mode would render with href="" (javascript:, vbscript:, file:, data:
// other than pictures) would still look like a link, to the page itself: it becomes its
// words instead.
bool IsDangerousUrl(const char* url) {
  std::string u;
  for (const char* p = url ? url : ""; *p && u.size() < 16; ++p)
    if (!std::isspace(static_cast<unsigned char>(*p))) u.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(*p))));
  auto starts = [&](std::string_view prefix) { return u.rfind(prefix, 0) == 0; };
  if (starts("data:")) return !(starts("data:image/png") || starts("data:image/gif") || starts("data:image/jpeg") || starts("data:image/webp"));
  return starts("javascript:") || starts("vbscript:") || starts("file:");
}

void UnlinkDangerousLinks(cmark_node* doc) {
  std::vector<cmark_node*> dangerous;
  cmark_iter* iter = cmark_iter_new(doc);
  for (auto ev = cmark_iter_next(iter); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(iter)) {
    cmark_node* n = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_LINK && IsDangerousUrl(cmark_node_get_url(n)))
      dangerous.push_back(n);
  }
  cmark_iter_free(iter);
  for (cmark_node* link : dangerous) {
    while (cmark_node* child = cmark_node_first_child(link)) {
      cmark_node_unlink(child);
      cmark_node_insert_before(link, child);
    }
    cmark_node_free(link);
  }
}

}  // namespace

std::string ToPlainText(std::string_view source) {
  cmark_parser* parser = NewParser();
  cmark_parser_feed(parser, source.data(), source.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* text = cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, 0);
  std::string out(text ? text : "");
  cmark_get_default_mem_allocator()->free(text);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

std::string ToHtml(std::string_view source) {
  cmark_parser* parser = NewParser();
  cmark_parser_feed(parser, source.data(), source.size());
  cmark_node* doc = cmark_parser_finish(parser);
  LinkRemoteImages(doc);
  UnlinkDangerousLinks(doc);
  std::string out = RenderHtml(doc, parser);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

namespace {

// The text nodes outside links, in order (collected first: the tree may not change while it
// is iterated).
std::vector<cmark_node*> TextsOutsideLinks(cmark_node* doc) {
  std::vector<cmark_node*> texts;
  cmark_iter* iter = cmark_iter_new(doc);
  for (auto ev = cmark_iter_next(iter); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(iter)) {
    cmark_node* n = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT && !InsideLink(n)) texts.push_back(n);
  }
  cmark_iter_free(iter);
  return texts;
}

// Splits one text node around its [[links]].
void LinkWikiTargets(cmark_node* node, const WikiLinkResolver& wiki_link, std::vector<std::string>& found_targets) {
  std::string literal = cmark_node_get_literal(node) ? cmark_node_get_literal(node) : "";
  std::string_view s = literal;
  size_t at = 0, from = 0;
  bool changed = false;
  while (true) {
    size_t open = s.find("[[", from);
    if (open == std::string_view::npos) break;
    size_t close = s.find("]]", open + 2);
    if (close == std::string_view::npos) break;
    std::string_view inner = s.substr(open + 2, close - open - 2);
    if (inner.find('[') != std::string_view::npos || inner.find('\n') != std::string_view::npos || inner.size() > 300) {
      from = open + 1;
      continue;
    }
    size_t bar = inner.find('|');
    std::string target(text::Trim(inner.substr(0, bar)));
    std::string words = bar == std::string_view::npos ? target : std::string(text::Trim(inner.substr(bar + 1)));
    if (words.empty()) words = target;
    from = close + 2;
    if (target.empty()) continue;
    AddOnce(found_targets, target);
    if (open > at) cmark_node_insert_before(node, TextNode(s.substr(at, open - at)));
    auto url = wiki_link ? wiki_link(target) : std::nullopt;
    if (url) {
      cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
      cmark_node_set_url(link, url->c_str());
      cmark_node_append_child(link, TextNode(words));
      cmark_node_insert_before(node, link);
    } else {
      cmark_node_insert_before(node, TextNode(words));
    }
    at = from;
    changed = true;
  }
  if (!changed) return;
  if (at < s.size()) cmark_node_insert_before(node, TextNode(s.substr(at)));
  cmark_node_free(node);
}

std::string HeadingWords(cmark_node* heading) {
  std::string words;
  cmark_iter* iter = cmark_iter_new(heading);
  for (auto ev = cmark_iter_next(iter); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(iter)) {
    cmark_node* n = cmark_iter_get_node(iter);
    auto t = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE))
      if (const char* lit = cmark_node_get_literal(n)) words += lit;
    if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)) words += ' ';
  }
  cmark_iter_free(iter);
  return std::string(text::Trim(words));
}

std::vector<Heading> Headings(cmark_node* doc) {
  std::vector<Heading> out;
  std::vector<std::string> used;
  cmark_iter* iter = cmark_iter_new(doc);
  for (auto ev = cmark_iter_next(iter); ev != CMARK_EVENT_DONE; ev = cmark_iter_next(iter)) {
    cmark_node* n = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING) continue;
    Heading h;
    h.level = cmark_node_get_heading_level(n);
    h.text = HeadingWords(n);
    std::string id = HeadingId(h.text), unique = id;
    for (int k = 2; std::find(used.begin(), used.end(), unique) != used.end(); ++k) unique = id + "-" + std::to_string(k);
    used.push_back(unique);
    h.id = unique;
    out.push_back(std::move(h));
  }
  cmark_iter_free(iter);
  return out;
}

// cmark writes each heading's opening tag as a bare <hN> (text that looks like one is
// escaped), in document order: the n-th of them is the n-th heading.
std::string AddHeadingIds(std::string_view html, const std::vector<Heading>& headings) {
  std::string out;
  out.reserve(html.size() + headings.size() * 24);
  size_t at = 0;
  for (const auto& h : headings) {
    std::string tag = "<h" + std::to_string(h.level) + ">";
    size_t found = html.find(tag, at);
    if (found == std::string::npos) break;
    out.append(html.substr(at, found - at));
    out += "<h" + std::to_string(h.level) + " id=\"" + h.id + "\">";
    at = found + tag.size();
  }
  out.append(html.substr(at));
  return out;
}

}  // namespace

Rendered RenderPost(std::string_view source, const MentionResolver& person_url) {
  cmark_parser* parser = NewParser();
  cmark_parser_feed(parser, source.data(), source.size());
  cmark_node* doc = cmark_parser_finish(parser);
  LinkRemoteImages(doc);
  UnlinkDangerousLinks(doc);
  Rendered out;
  for (cmark_node* n : TextsOutsideLinks(doc)) LinkTokens(n, person_url, out);
  out.html = RenderHtml(doc, parser);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

RenderedPage RenderPage(std::string_view source, const MentionResolver& person_url, const WikiLinkResolver& wiki_link) {
  cmark_parser* parser = NewParser();
  cmark_parser_feed(parser, source.data(), source.size());
  cmark_node* doc = cmark_parser_finish(parser);
  LinkRemoteImages(doc);
  UnlinkDangerousLinks(doc);
  RenderedPage out;
  if (source.find("[[") != std::string_view::npos) {
    // cmark leaves "[[", "Page" and "]]" in separate text nodes; one node per run of text
    // lets a link be found whole. (A text with no "[[" has no link to find: most of a long
    // page's time would go to merging nodes for nothing.)
    cmark_consolidate_text_nodes(doc);
    for (cmark_node* n : TextsOutsideLinks(doc)) LinkWikiTargets(n, wiki_link, out.wiki_links);
  }
  for (cmark_node* n : TextsOutsideLinks(doc)) LinkTokens(n, person_url, out);
  out.headings = Headings(doc);
  out.html = WithHtml(doc, parser, [&](std::string_view html) { return AddHeadingIds(html, out.headings); });
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

std::string NormalizeTag(std::string_view tag) {
  if (tag.empty() || !text::IsValidUtf8(tag)) return {};
  bool letter = false;
  size_t count = 0;
  for (size_t i = 0; i < tag.size();) {
    auto [c, len] = CodePointAt(tag, i);
    if (!IsTagChar(c)) return {};
    if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) letter = true;
    i += static_cast<size_t>(len);
    ++count;
  }
  if (!letter || count > 50) return {};
  return text::Lower(tag);
}

// "Getting started!" -> "getting-started": letters and digits (any script) kept, lower case,
// every other run of characters one '-'.
std::string HeadingId(std::string_view words) {
  std::string lower = text::Lower(words), id;
  for (size_t i = 0; i < lower.size();) {
    auto [c, len] = CodePointAt(lower, i);
    if (u_isalnum(c)) id.append(lower, i, static_cast<size_t>(len));
    else if (!id.empty() && id.back() != '-') id.push_back('-');
    i += static_cast<size_t>(len);
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "section" : id;
}

}  // namespace agora::markdown
