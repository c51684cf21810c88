// What a file really is, from its bytes (libmagic), whatever its name or Content-Type claim.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace agora::media {

// The MIME type libmagic reads in `bytes` ("image/jpeg", "text/plain", ...);
// "application/octet-stream" when it cannot tell.
std::string SniffMime(std::string_view bytes);

// An image upload's type check: its Content-Type must name an accepted image type and its
// bytes must be one (a script renamed .jpg is still a script): 415 naming `image`
// otherwise; an empty body is 422 `image`.
Status CheckImageUpload(std::string_view content_type, std::string_view bytes);

}  // namespace agora::media
