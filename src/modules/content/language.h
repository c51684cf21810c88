// The language something is written in, kept with it (content.language) so that search can
// stem it and readers' browsers can hyphenate and speak it: what its author declared, else
// the author's own UI language, else the best language their browser asks for; "" when none
// of these is one Agora speaks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "modules/identity/model.h"

namespace agora::content {

// 422 naming "language" for a declared language Agora does not speak.
Result<std::string> WrittenLanguage(const std::optional<std::string>& declared, const identity::User& author,
                                    std::string_view accept_language);

}  // namespace agora::content
