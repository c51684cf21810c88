#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"

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

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!root.empty() && fs::is_directory(root, ec)) {
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      File f;
      f.body = ss.str();
      std::string rel = "/" + fs::relative(it->path(), root).generic_string();
      f.content_type = std::string(ContentTypeFor(rel));
      f.etag = "\"" + crypto::ToHex(crypto::Sha256(f.body)).substr(0, 32) + "\"";
      // Vite names built assets with a content hash: they never change under one name.
      f.immutable = rel.rfind("/assets/", 0) == 0;
      files_.emplace(std::move(rel), std::move(f));
    }
  }
  if (!files_.count("/index.html")) {
    File f;
    f.body =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Agora</title></head><body>"
        "<main><h1>Agora</h1><p>The web client has not been built. Run <code>make build</code> and restart, "
        "or set <code>http.web_root</code>. The API is at <code>/api/v1/</code>.</p></main></body></html>";
    f.content_type = "text/html; charset=utf-8";
    f.etag = "\"placeholder\"";
    files_.emplace("/index.html", std::move(f));
  }
}

Response StaticFiles::Make(const File& f, std::string_view if_none_match) const {
  Response r;
  r.content_type = f.content_type;
  r.cache_control = f.immutable ? "public, max-age=31536000, immutable" : "no-cache";
  r.headers.emplace_back("ETag", f.etag);
  if (!if_none_match.empty() && if_none_match.find(f.etag) != std::string_view::npos) {
    r.status = 304;
    return r;
  }
  r.body = f.body;
  return r;
}

std::optional<Response> StaticFiles::Serve(std::string_view path, std::string_view if_none_match) const {
  if (path == "/") path = "/index.html";
  if (auto it = files_.find(std::string(path)); it != files_.end()) return Make(it->second, if_none_match);
  // A missing file (a name with a file type we serve) is 404; any other path is a page of the
  // client, whose router decides. Handles have dots too: /people/ana.berg is a page.
  auto last = path.substr(path.rfind('/') + 1);
  if (auto dot = last.rfind('.'); dot != std::string_view::npos &&
                                  ContentTypeFor(last) != std::string_view("application/octet-stream"))
    return std::nullopt;
  return Make(files_.at("/index.html"), if_none_match);
}

}  // namespace agora::http
