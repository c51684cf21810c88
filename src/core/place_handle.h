// The handle of a named place (a community, a shared blog): its address in URLs and
// mentions, 3 to 40 of a-z 0-9 - _, starting with a letter or digit, never digits alone (it
// would read as an id). The same rule everywhere a place is named.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace agora::text {

// The handle in lower case, or kInvalidField naming "handle".
Result<std::string> CheckPlaceHandle(std::string_view raw);

}  // namespace agora::text
