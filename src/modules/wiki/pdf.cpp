#include "modules/wiki/pdf.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/log.h"
#include "core/subprocess.h"

namespace agora::wiki {
namespace {

constexpr const char* kWeasyprint = "/usr/bin/weasyprint";
constexpr const char* kTimeout = "/usr/bin/timeout";

}  // namespace

Result<std::string> RenderPdf(const std::string& html, const std::vector<std::pair<std::string, std::string>>& files) {
  if (::access(kWeasyprint, X_OK) != 0)
    return Error::Busy("PDF export needs weasyprint on the server (Debian: apt-get install weasyprint python3-munkres)", 3600);
  TempDir dir("agora-pdf");
  if (dir.path.empty()) return Error::Internal("no room for the PDF");
  const auto in = dir.path / "book.html", out = dir.path / "book.pdf";
  {
    std::ofstream f(in, std::ios::binary);
    f << html;
    if (!f) return Error::Internal("no room for the PDF");
  }
  for (const auto& [name, bytes] : files) {
    std::ofstream f(dir.path / std::filesystem::path(name).filename(), std::ios::binary);
    f << bytes;
  }
  // The base URL is the work directory: nothing but what is in it could be read.
  const auto run = RunProcess({kTimeout, std::to_string(kPdfTimeoutSeconds), kWeasyprint, "--quiet", "--base-url",
                               dir.path.string() + "/", in.string(), out.string()});
  if (!run.ok()) {
    log::Warn("weasyprint failed", {{"exit_code", static_cast<std::int64_t>(run.exit_code)}, {"errors", run.errors.substr(0, 500)}});
    return Error::Internal("the PDF could not be made");
  }
  std::ifstream f(out, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

}  // namespace agora::wiki
