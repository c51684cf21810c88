// Markdown that people write (bios, posts, comments) rendered to HTML that is safe to insert
// into a page: cmark-gfm in its safe mode (raw HTML is dropped, links and images with
// javascript:, vbscript:, file: or data: addresses lose them) with GitHub's tables,
// strikethrough, autolinks and task lists. Images stay images only when they are this site's
// own ("/api/v1/images/..."); any other becomes a link to its address.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::markdown {

std::string ToHtml(std::string_view source);
// The text a reader sees, without Markdown's marks (mail excerpts): cmark-gfm's plain-text
// renderer, no line wrapping.
std::string ToPlainText(std::string_view source);

// What a post or comment renders to: the HTML, and the @mentions and #hashtags found in its
// text (not inside code, links or URLs), each once, in order of appearance.
struct Rendered {
  std::string html;
  std::vector<std::string> mentions;  // handles as written, lower-cased, of people who exist
  std::vector<std::string> tags;      // lower-cased, without '#'
};

// `person_url(handle)` says where a mention links to, or nullopt when no such person exists
// (the text then stays as written and is not reported). Tags link to /tags/{tag}.
using MentionResolver = std::function<std::optional<std::string>(const std::string& handle)>;
Rendered RenderPost(std::string_view source, const MentionResolver& person_url);

// A wiki page (modules/wiki): a post's rendering, and besides it
// - [[Target]] and [[Target|words]] in text (not in code or links) become links to where
//   `wiki_link(target)` says; nullopt keeps the words as plain text (a page the reader may
//   not know of). Each target is reported once, in order, as written (trimmed);
// - each heading gets an id (its words, lower case, joined by '-'; made unique with -2, -3),
//   reported with its level and words for a table of contents.
using WikiLinkResolver = std::function<std::optional<std::string>(const std::string& target)>;
struct Heading {
  int level = 1;
  std::string id, text;
};
struct RenderedPage : Rendered {
  std::vector<std::string> wiki_links;
  std::vector<Heading> headings;
};
RenderedPage RenderPage(std::string_view source, const MentionResolver& person_url, const WikiLinkResolver& wiki_link);
// A heading's id from its words: "Getting started!" -> "getting-started" (before it is made
// unique in its page): what a [[Page#Getting started]] link's fragment is.
std::string HeadingId(std::string_view words);

// The tokens RenderPost looks for, exposed for tests: a hashtag is 1 to 50 letters, digits,
// '_' or '-' with at least one letter, after the start of text or a character that is not a
// letter, digit or '&'; a mention is '@' and a handle (3 to 30 of a-z 0-9 . _ -) after the
// start or a character that is not a letter, digit or one of . _ -; trailing '.' and '-'
// are not part of either (sentence ends).
std::string NormalizeTag(std::string_view tag);  // lower case; empty when not a valid tag

}  // namespace agora::markdown
