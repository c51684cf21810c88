// A page's Markdown rendered (cmark-gfm, raw HTML off, as for posts) with its [[links]]
// resolved against the pages that exist now, its @mentions and #hashtags, and the headings
// of its table of contents.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/identity/model.h"
#include "modules/wiki/model.h"
#include "store/database.h"

namespace agora::wiki {

struct RenderedPage {
  std::string html;
  std::vector<Heading> toc;
  std::vector<std::pair<Id, std::string>> links;  // (space, name key) of each [[link]], once each
  std::vector<identity::User> mentioned;
  std::vector<std::string> tags;
};

// A link to a page that exists goes to /wiki/{space}/{its slug}; one to a page that does not
// goes to /wiki/{space}/{key}?create={title} (the web client offers to write it there and
// shows the link as missing); one naming no space that exists stays plain words.
RenderedPage Render(agora::store::Connection& c, const Space& space, std::string_view body);

// The stored HTML as this reader sees it: links to pages of spaces they may not see become
// plain words (a link's existence says nothing about a page they may not know of), and
// mentions name people as they are now (content::NameMentions).
std::string ForReader(agora::store::Connection& c, const content::Viewer& viewer, const Space& space, const std::string& html);
// Whether the HTML links to pages of other spaces (then ForReader's answer depends on the
// reader; otherwise it is the same for everyone).
bool LinksOtherSpaces(const Space& space, std::string_view html);

std::string TocJson(const std::vector<Heading>& toc);
std::vector<Heading> ParseToc(std::string_view json);

}  // namespace agora::wiki
