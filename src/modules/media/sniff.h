// What a file really is, from its bytes (libmagic), whatever its name or Content-Type claim.
#pragma once

#include <string>
#include <string_view>

namespace agora::media {

// The MIME type libmagic reads in `bytes` ("image/jpeg", "text/plain", ...);
// "application/octet-stream" when it cannot tell.
std::string SniffMime(std::string_view bytes);

}  // namespace agora::media
