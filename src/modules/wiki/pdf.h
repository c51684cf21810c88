// A book's HTML (book.h BookHtml) as PDF, by Debian's weasyprint run as a separate process in
// a directory of its own (removed after), under `timeout`: a crash or a runaway document
// costs that process, never the server. The HTML holds nothing weasyprint would fetch.
#pragma once

#include <string>

#include "core/result.h"

namespace agora::wiki {

inline constexpr int kPdfTimeoutSeconds = 300;

// 503 when weasyprint is not installed (apt-get install weasyprint python3-munkres).
Result<std::string> RenderPdf(const std::string& html);

}  // namespace agora::wiki
