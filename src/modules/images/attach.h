// Pictures a text shows by their address (`![a heron](/api/v1/images/{id}/1600)`), uploaded
// first by its writer: attaching them to the content makes them readable by its readers, and
// only by them (an image's audience is its content's). Blog entries and wiki pages.
#pragma once

#include <string_view>
#include <vector>

#include "core/ids.h"
#include "store/database.h"

namespace agora::images {

// The image ids the Markdown names, in order, each once.
std::vector<Id> NamedIn(std::string_view markdown);

// Attaches to `content` the writer's waiting uploads among `ids` (those attached already stay;
// images not the writer's are left as they are: a reader who may not read them sees their
// alternative text). False, attaching nothing more, when the content would hold more than `max`.
bool AttachTo(agora::store::Connection& c, Id content, Id writer, const std::vector<Id>& ids, size_t max);

}  // namespace agora::images
