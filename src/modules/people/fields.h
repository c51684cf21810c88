// Checking and normalizing the list fields of a profile: languages spoken and links.
// Errors are 422 naming the element ("languages[2]", "links[0].url").
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "modules/people/model.h"

namespace agora::people {

inline constexpr size_t kMaxLanguages = 20;
inline constexpr size_t kMaxLinks = 10;

// BCP 47 tags in their usual case ("PT-br" -> "pt-BR", "zh_hant" -> "zh-Hant"), duplicates
// dropped, order kept.
Result<std::vector<std::string>> NormalizeLanguages(const std::vector<std::string>& tags);

// Absolute http(s) URLs of at most 2,000 bytes; a missing title becomes the URL's host.
Result<std::vector<Link>> NormalizeLinks(const std::vector<Link>& links);

}  // namespace agora::people
