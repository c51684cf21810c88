#include "core/place_handle.h"

#include <cctype>

#include "core/text.h"

namespace agora::text {

Result<std::string> CheckPlaceHandle(std::string_view raw) {
  std::string h = AsciiLower(raw);
  bool ok = h.size() >= 3 && h.size() <= 40 && std::isalnum(static_cast<unsigned char>(h[0]));
  for (char ch : h) ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_');
  if (!ok) return Error::Invalid("handle", "a handle is 3 to 40 of a-z 0-9 - _, starting with a letter or digit");
  if (ReadsAsId(h)) return Error::Invalid("handle", "a handle must not be digits alone (it would read as an id)");
  return h;
}

}  // namespace agora::text
