// A book's HTML (book.h BookHtml) as PDF, by Debian's weasyprint run as a separate process in
// a directory of its own (removed after), under `timeout`: a crash or a runaway document
// costs that process, never the server. The HTML holds nothing weasyprint would fetch.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace agora::wiki {

inline constexpr int kPdfTimeoutSeconds = 300;

// 503 when weasyprint is not installed (apt-get install weasyprint python3-munkres).
// `files`: what the HTML names beside it (its pictures: name, bytes).
Result<std::string> RenderPdf(const std::string& html, const std::vector<std::pair<std::string, std::string>>& files = {});

}  // namespace agora::wiki
