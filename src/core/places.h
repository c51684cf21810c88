// Countries and time zones as people write them. A country is stored as its ISO 3166-1
// alpha-2 code, but people (and HR exports) write "Sweden", "Sverige", "norway" or "Россия":
// CountryCode accepts the code or the country's name in any of the languages Agora speaks
// (ICU's CLDR names, case-folded). A time zone must be one ICU (the IANA database) knows:
// "Stockholm" is not one, and a profile that stored it could not show anyone's local time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace agora::places {

// The upper-case ISO code for a code or a name; nullopt for anything else.
std::optional<std::string> CountryCode(std::string_view code_or_name);
// True for an IANA time zone name ICU knows ("Europe/Stockholm", "UTC", "America/Sao_Paulo").
bool IsTimeZone(std::string_view name);

}  // namespace agora::places
