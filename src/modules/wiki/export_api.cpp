#include "modules/wiki/export_api.h"

#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "core/log.h"
#include "http/job_limiter.h"
#include "http/response.h"
#include "modules/files/api.h"
#include "i18n/messages.h"
#include "modules/images/attach.h"
#include "modules/media/image.h"
#include "modules/wiki/epub.h"
#include "modules/wiki/pdf.h"

namespace agora::wiki {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

// "2 December 2026" as the language writes it (ICU's long date).
std::string LongDate(const std::string& language, std::int64_t ms) {
  std::unique_ptr<icu::DateFormat> f(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, icu::Locale(language.c_str())));
  if (!f) return FormatRfc3339(ms).substr(0, 10);
  f->setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString out;
  f->format(static_cast<UDate>(ms), out);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// The pictures the book's pages show that the reader may see, as its files: WebP for the PDF
// (weasyprint reads it), JPEG for the EPUB (EPUB 3.2 knows no WebP).
void AddImages(images::ImageService& images, const content::Viewer& viewer, Book& book, bool jpeg) {
  for (const auto& ch : book.chapters)
    for (Id id : images::NamedIn(ch.html)) {
      if (std::any_of(book.images.begin(), book.images.end(), [&](const BookImage& b) { return b.id == id; })) continue;
      auto webp = images.Read(viewer, id, images::kLarge);
      if (!webp) continue;
      if (!jpeg) {
        book.images.push_back({id, "img-" + IdToString(id) + ".webp", "image/webp", std::move(*webp)});
        continue;
      }
      if (auto converted = media::WebpToJpeg(*webp))
        book.images.push_back({id, "img-" + IdToString(id) + ".jpg", "image/jpeg", std::move(*converted)});
    }
}

Response Export(WikiService& service, images::ImageService& images, http::JobLimiter& limiter, const std::string& base_url, Request& req,
                std::string_view space, std::optional<Id> page, bool below) {
  const std::string format = req.Query("format");
  if (format != "pdf" && format != "epub") return http::Problem(Error::Invalid("format", "format is pdf or epub"));
  if (auto refused = limiter.Start(req.principal->user.id)) return http::Problem(*refused);
  struct Done {
    http::JobLimiter& limiter;
    Id person;
    ~Done() { limiter.Finish(person); }
  } done{limiter, req.principal->user.id};
  const auto started = std::chrono::steady_clock::now();
  const content::Viewer viewer = content::ViewerOf(req.principal);
  auto book = service.MakeBook(viewer, space, page, below);
  if (!book) return http::Problem(book.error());
  AddImages(images, viewer, *book, format == "epub");
  const std::string& lang = book->language;
  const BookWords words{messages::Format(lang, "book.contents"),
                        messages::Format(lang, "book.made", {{"space", book->space_name},
                                                             {"date", LongDate(lang, book->made_at)},
                                                             {"who", book->made_by}}),
                        messages::Format(lang, "book.image")};
  Response res;
  if (format == "pdf") {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& image : book->images) files.emplace_back(image.file, image.bytes);
    auto pdf = RenderPdf(BookHtml(*book, words, base_url), files);
    if (!pdf) return http::Problem(pdf.error());
    res.body = std::move(*pdf);
    res.content_type = "application/pdf";
  } else {
    res.body = BuildEpub(*book, words, base_url);
    res.content_type = "application/epub+zip";
  }
  const auto name = page && !book->chapters.empty() ? book->chapters.front().slug : book->space_handle;
  res.headers.emplace_back("Content-Disposition", files::AttachmentDisposition(name + "." + format, "wiki." + format));
  log::Info("wiki export", {{"format", format},
                            {"pages", static_cast<std::int64_t>(book->chapters.size())},
                            {"bytes", static_cast<std::int64_t>(res.body.size())},
                            {"ms", static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       std::chrono::steady_clock::now() - started).count())}});
  return res;
}

}  // namespace

void RegisterExportApi(http::Router& router, WikiService& service, images::ImageService& images, const std::string& base_url) {
  static http::JobLimiter limiter(1, 2, "exports");
  // Off the io threads: a PDF waits seconds for its weasyprint process.
  router.Add(Method::kGet, "/api/v1/wiki/pages/{id}/export", {.access = Access::kUser, .work = http::Work::kOutbound},
             [&service, &images, &base_url](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               const std::string scope = req.Query("scope");
               if (!scope.empty() && scope != "page" && scope != "subtree")
                 return http::Problem(Error::Invalid("scope", "scope is page or subtree"));
               return Export(service, images, limiter, base_url, req, "", *id, scope == "subtree");
             });
  router.Add(Method::kGet, "/api/v1/wiki/spaces/{space}/export", {.access = Access::kUser, .work = http::Work::kOutbound},
             [&service, &images, &base_url](Request& req) {
               return Export(service, images, limiter, base_url, req, req.Param("space"), std::nullopt, true);
             });
}

}  // namespace agora::wiki
