// Uploads (pictures, files) a Markdown text names by their address: "/api/v1/images/123/1600",
// "/api/v1/files/456/plan.pdf". Saving the text attaches them to its content.
#pragma once

#include <string_view>
#include <vector>

#include "core/ids.h"

namespace agora::media {

// The ids written as `prefix` + id + "/" in `markdown`, in order, each once.
std::vector<Id> NamedUploads(std::string_view markdown, std::string_view prefix);

}  // namespace agora::media
