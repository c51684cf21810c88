// The text of posts and comments: checked (trimmed, not empty, not too long) and rendered
// (Markdown in safe mode, @mentions of people who exist and #hashtags turned into links).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/identity/model.h"
#include "store/database.h"

namespace agora::content {

// Trims; 422 naming `field` when empty (unless `may_be_empty`) or over `max` code points.
Result<std::string> CheckBody(std::string_view body, std::string_view field, size_t max, bool may_be_empty = false);

struct RenderedBody {
  std::string html;
  std::vector<identity::User> mentioned;  // active accounts, each once
  std::vector<std::string> tags;
};
RenderedBody RenderBody(agora::store::Connection& c, std::string_view body);

// The stored HTML as readers see it: each mention link (`<a href="/people/ana">@ana</a>`, as
// RenderBody wrote it) shows the person's name as it is now and links to their handle as it
// is now (an old handle still finds them), `<a href="/people/ana" class="mention"
// title="@ana">Ana Berg</a>`, the way people are named everywhere else. Handles are stored,
// not names, so that a new name shows at once on everything written before it.
std::string NameMentions(agora::store::Connection& c, std::string html);

}  // namespace agora::content
