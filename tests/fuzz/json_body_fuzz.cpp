// Request bodies: the JSON parser with its duplicate-key and control-character checks, then
// every field helper the API handlers use on what it returns.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json.h"
#include "http/response.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto o = agora::json::ParseObject(body);
  if (!o) return 0;
  for (const char* field : {"body", "email", "password", "handle", "name", "audience", "people", "flag"}) {
    (void)agora::json::RequiredString(*o, field);
    (void)agora::json::OptionalString(*o, field);
    (void)agora::json::OptionalBool(*o, field);
    (void)agora::http::IdArrayField(*o, field);
  }
  (void)agora::json::OnlyKeys(*o, {"body", "audience", "people"});
  (void)agora::json::Serialize(*o);
  return 0;
}
