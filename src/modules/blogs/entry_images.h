// The pictures a blog entry shows: its cover, and those its Markdown names by their address
// (`![a heron](/api/v1/images/{id}/1600)`), uploaded first by the writer (images/). Attaching
// them to the entry makes them readable by its readers, and only by them: an image's audience
// is its content's.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "store/database.h"

namespace agora::blogs {

inline constexpr size_t kMaxEntryImages = 50;

// Attaches to `entry` the writer's waiting uploads among `cover` and the images `body` names
// (those attached already stay). 422 `cover_image` for a cover that is neither; 422 `body`
// beyond kMaxEntryImages. Images named but not the writer's are left as they are: a reader
// who may not read them sees their alternative text.
Status AttachImages(agora::store::Connection& c, Id entry, Id writer, std::string_view body, std::optional<Id> cover);

}  // namespace agora::blogs
