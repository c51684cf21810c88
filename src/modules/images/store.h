// SQL for images.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/images/model.h"
#include "store/database.h"

namespace agora::images::store {

using agora::store::Connection;

void Insert(Connection& c, const Image& image);
std::optional<Image> Load(Connection& c, Id id);
// The images of a content item, in their order.
std::vector<Image> OfContent(Connection& c, Id content_id);
// Attaches `ids` (in this order) to `content_id`: each must be `owner`'s and not attached
// yet, or 422 naming `field`[i]; nothing is attached then (the caller's transaction rolls back).
Status Attach(Connection& c, const std::vector<Id>& ids, Id owner, Id content_id, std::string_view field);
// `owner`'s images not attached to anything, oldest first.
std::vector<Image> Unattached(Connection& c, Id owner);
void Delete(Connection& c, Id id);
// True when some image row still uses the files of `key`.
bool KeyInUse(Connection& c, const std::string& key);

}  // namespace agora::images::store
