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

}  // namespace agora::content
