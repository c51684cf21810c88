// Serves the built web client (web/dist) from memory: the files are small and loaded once at
// start-up. Hashed assets under /assets/ are cached for a year (immutable); index.html is
// revalidated every time, and any path without a file extension falls back to it so the
// client-side router can handle deep links. index.html comes in one version per language: its
// <html lang> set and the language's message catalog preloaded beside the script (the
// client would otherwise ask for it only once the script has run).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/request.h"

namespace agora::http {

class StaticFiles {
 public:
  // Loads every regular file under `root` (which may not exist: then a short page explains
  // how to build the client).
  explicit StaticFiles(const std::string& root);
  // nullopt: not a static path (the caller answers 404). With `gzip` (the request's
  // Accept-Encoding allows it) a text file goes compressed. `language` is the one the page
  // will most likely be read in (ReaderLanguage); index.html comes in it.
  std::optional<Response> Serve(std::string_view decoded_path, std::string_view if_none_match, bool gzip = false,
                                std::string_view language = "en") const;
  size_t file_count() const { return files_.size(); }

 private:
  struct File {
    std::shared_ptr<const std::string> body;
    std::shared_ptr<const std::string> gzipped;  // null: not worth compressing (pictures, tiny files)
    std::string content_type;
    std::string etag;
    bool immutable = false;
  };
  Response Make(const File& f, std::string_view if_none_match, bool gzip) const;
  static File FileOf(const std::string& path, std::string body);
  const File& Index(std::string_view language) const;
  Response Page(const File& f, std::string_view if_none_match, bool gzip) const;
  std::unordered_map<std::string, File> files_;
  std::unordered_map<std::string, File> index_by_language_;  // empty when the client has no catalogs
};

std::string_view ContentTypeFor(std::string_view path);
// The language a page request will most likely be read in: the one the client last used on
// this browser (its agora_language cookie), else the browser's (Accept-Language), else
// English. Only a guess to preload by: the client decides once it runs.
std::string_view ReaderLanguage(std::string_view language_cookie, std::string_view accept_language);
// Whether an Accept-Encoding header accepts gzip (and does not refuse it with q=0).
bool AcceptsGzip(std::string_view accept_encoding);
// `data` compressed in gzip format at the best level (done once per file, at start).
std::string Gzip(std::string_view data);
// A strong validator of bytes served as they are (static files, the API description).
std::string StrongEtag(std::string_view body);

}  // namespace agora::http
