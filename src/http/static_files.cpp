#include "http/static_files.h"

#include "http/response.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <zlib.h>

#include "core/crypto.h"
#include "core/languages.h"

namespace agora::http {

std::string_view ContentTypeFor(std::string_view path) {
  auto dot = path.rfind('.');
  auto ext = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

bool AcceptsGzip(std::string_view h) {
  for (size_t at = 0; at < h.size();) {
    size_t end = h.find(',', at);
    if (end == std::string_view::npos) end = h.size();
    std::string_view item = h.substr(at, end - at);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view name = item.substr(0, item.find(';'));
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name == "gzip" || name == "*") {
      auto q = item.find("q=");
      bool refused = q != std::string_view::npos && item.substr(q + 2).find_first_not_of("0. ") == std::string_view::npos;
      return !refused;
    }
    at = end + 1;
  }
  return false;
}

std::string StrongEtag(std::string_view body) {
  return "\"" + crypto::ToHex(crypto::Sha256(body)).substr(0, 32) + "\"";
}

std::string Gzip(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string();
}

namespace {
// Text compresses to a third or less; pictures are compressed already.
bool WorthCompressing(std::string_view content_type, size_t size) {
  if (size < 1024) return false;
  for (std::string_view t : {"text/", "application/json", "application/manifest+json", "image/svg+xml"})
    if (content_type.rfind(t, 0) == 0) return true;
  return false;
}
}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!root.empty() && fs::is_directory(root, ec)) {
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string rel = "/" + fs::relative(it->path(), root).generic_string();
      File f = FileOf(rel, ss.str());
      files_.emplace(std::move(rel), std::move(f));
    }
  }
  if (!files_.count("/index.html")) {
    File f;
    f.body = std::make_shared<const std::string>(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Agora</title></head><body>"
        "<main><h1>Agora</h1><p>The web client has not been built. Run <code>make build</code> and restart, "
        "or set <code>http.web_root</code>. The API is at <code>/api/v1/</code>.</p></main></body></html>");
    f.content_type = "text/html; charset=utf-8";
    f.etag = "\"placeholder\"";
    files_.emplace("/index.html", std::move(f));
    return;
  }
  // Each language's index.html: the catalog chunk is /assets/messages-<code>-<hash>.js
  // (vite.config.ts names it so).
  const std::string index = *files_.at("/index.html").body;
  for (const auto& [path, _] : files_) {
    static const std::string kPrefix = "/assets/messages-";
    if (path.rfind(kPrefix, 0) != 0 || !path.ends_with(".js")) continue;
    const std::string code = path.substr(kPrefix.size(), path.find('-', kPrefix.size()) - kPrefix.size());
    if (!languages::IsSupported(code)) continue;
    std::string page = index;
    if (auto lang = page.find("<html lang=\"en\">"); lang != std::string::npos) page.replace(lang, 16, "<html lang=\"" + code + "\">");
    if (auto head = page.find("</head>"); head != std::string::npos)
      page.insert(head, "<link rel=\"modulepreload\" href=\"" + path + "\" crossorigin />\n  ");
    index_by_language_.emplace(code, FileOf("/index.html", std::move(page)));
  }
}

StaticFiles::File StaticFiles::FileOf(const std::string& rel, std::string body) {
  File f;
  f.content_type = std::string(ContentTypeFor(rel));
  f.etag = StrongEtag(body);
  if (WorthCompressing(f.content_type, body.size())) {
    std::string gzipped = Gzip(body);
    if (gzipped.size() < body.size()) f.gzipped = std::make_shared<const std::string>(std::move(gzipped));
  }
  f.body = std::make_shared<const std::string>(std::move(body));
  // Vite names built assets with a content hash: they never change under one name.
  f.immutable = rel.rfind("/assets/", 0) == 0;
  return f;
}

Response StaticFiles::Page(const File& f, std::string_view if_none_match, bool gzip) const {
  Response r = Make(f, if_none_match, gzip);
  // Which version a browser gets depends on these (a shared cache must keep them apart).
  if (!index_by_language_.empty()) r.headers.emplace_back("Vary", "Cookie, Accept-Language");
  return r;
}

const StaticFiles::File& StaticFiles::Index(std::string_view language) const {
  auto it = index_by_language_.find(std::string(language));
  return it != index_by_language_.end() ? it->second : files_.at("/index.html");
}

std::string_view ReaderLanguage(std::string_view language_cookie, std::string_view accept_language) {
  if (auto chosen = languages::Match(language_cookie); !chosen.empty()) return chosen;
  return languages::FromAcceptLanguage(accept_language, languages::kSource);
}

Response StaticFiles::Make(const File& f, std::string_view if_none_match, bool gzip) const {
  Response r;
  r.content_type = f.content_type;
  r.cache_control = f.immutable ? "public, max-age=31536000, immutable" : "no-cache";
  const bool compressed = gzip && f.gzipped;
  // Each encoding has its own validator (RFC 9110 8.8.3): a cache never mixes them up.
  const std::string etag = compressed ? f.etag.substr(0, f.etag.size() - 1) + "-gz\"" : f.etag;
  r.headers.emplace_back("ETag", etag);
  if (f.gzipped) r.headers.emplace_back("Vary", "Accept-Encoding");
  if (IfNoneMatchHolds(if_none_match, etag)) {
    r.status = 304;
    return r;
  }
  if (compressed) r.headers.emplace_back("Content-Encoding", "gzip");
  r.shared_body = compressed ? f.gzipped : f.body;
  return r;
}

std::optional<Response> StaticFiles::Serve(std::string_view path, std::string_view if_none_match, bool gzip,
                                           std::string_view language) const {
  if (path == "/" || path == "/index.html") return Page(Index(language), if_none_match, gzip);
  if (auto it = files_.find(std::string(path)); it != files_.end()) return Make(it->second, if_none_match, gzip);
  // A missing file (a name with a file type we serve) is 404; any other path is a page of the
  // client, whose router decides. Handles have dots too: /people/ana.berg is a page.
  auto last = path.substr(path.rfind('/') + 1);
  if (auto dot = last.rfind('.'); dot != std::string_view::npos &&
                                  ContentTypeFor(last) != std::string_view("application/octet-stream"))
    return std::nullopt;
  return Page(Index(language), if_none_match, gzip);
}

}  // namespace agora::http
