// The TOML configuration file: any text gives settings or an error naming the key, never a
// crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  agora::Config config;
  (void)agora::ApplyConfigText(config, std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  return 0;
}
