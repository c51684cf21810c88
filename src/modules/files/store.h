// SQL for attached files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/files/model.h"
#include "store/database.h"

namespace agora::files::store {

using agora::store::Connection;

void Insert(Connection& c, const File& f);
std::optional<File> Load(Connection& c, Id id);
// The files of a content item, in the order they were uploaded.
std::vector<File> OfContent(Connection& c, Id content_id);
size_t CountOfContent(Connection& c, Id content_id);
// Attaches file `id` to `content_id` if it is `owner`'s and waits; whether it did.
bool Attach(Connection& c, Id id, Id owner, Id content_id);
// `owner`'s files not attached to anything, oldest first.
std::vector<File> Unattached(Connection& c, Id owner);
void Delete(Connection& c, Id id);
// True when some file row still uses the bytes of `key`.
bool KeyInUse(Connection& c, const std::string& key);

}  // namespace agora::files::store
