// Markdown that people write (profile bios; later posts and comments) rendered to HTML that
// is safe to insert into a page: cmark-gfm in its safe mode (raw HTML is dropped, links and
// images with javascript:, vbscript:, file: or data: addresses lose them) with GitHub's
// tables, strikethrough, autolinks and task lists.
#pragma once

#include <string>
#include <string_view>

namespace agora::markdown {

std::string ToHtml(std::string_view source);

}  // namespace agora::markdown
