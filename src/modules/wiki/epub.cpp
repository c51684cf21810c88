#include "modules/wiki/epub.h"

#include <zip.h>

#include <deque>
#include <stdexcept>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/text.h"

namespace agora::wiki {
namespace {

std::string Esc(std::string_view s) { return text::HtmlEscape(s); }

std::string Xhtml(const Book& book, const std::string& title, const std::string& body, bool nav = false) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"") +
         (nav ? " xmlns:epub=\"http://www.idpf.org/2007/ops\"" : "") + " xml:lang=\"" + Esc(book.language) + "\" lang=\"" +
         Esc(book.language) + "\">\n<head>\n<meta charset=\"UTF-8\" />\n<title>" + Esc(title) +
         "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\" />\n</head>\n<body>\n" + body + "\n</body>\n</html>\n";
}

constexpr const char* kStyle = R"(body { font-family: serif; line-height: 1.45; margin: 0 5%; }
h1, h2, h3, h4, h5, h6 { font-family: sans-serif; line-height: 1.2; }
.title-page { text-align: center; margin-top: 30%; }
.made, .byline, .image-left-out { color: #555; font-size: 0.85em; }
pre { white-space: pre-wrap; font-size: 0.85em; }
nav ol { list-style: none; padding-left: 1em; }
table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 0.2em 0.4em; }
img { max-width: 100%; }
)";

// A zip made in memory: the texts stay alive until it is closed.
class Zip {
 public:
  Zip() {
    zip_error_init(&error_);
    source_ = zip_source_buffer_create(nullptr, 0, 0, &error_);
    if (!source_) throw std::runtime_error("zip: no buffer");
    zip_source_keep(source_);
    zip_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error_);
    if (!zip_) throw std::runtime_error("zip: cannot open");
  }
  ~Zip() {
    if (zip_) zip_discard(zip_);
    if (source_) zip_source_free(source_);
    zip_error_fini(&error_);
  }
  void Add(const std::string& name, std::string data, bool stored = false) {
    texts_.push_back(std::move(data));
    zip_source_t* s = zip_source_buffer(zip_, texts_.back().data(), texts_.back().size(), 0);
    const zip_int64_t index = s ? zip_file_add(zip_, name.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (s) zip_source_free(s);
      throw std::runtime_error("zip: cannot add " + name);
    }
    zip_set_file_compression(zip_, static_cast<zip_uint64_t>(index), stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, stored ? 0 : 6);
  }
  std::string Close() {
    if (zip_close(zip_) != 0) throw std::runtime_error("zip: cannot write");
    zip_ = nullptr;
    std::string out;
    if (zip_source_open(source_) != 0) throw std::runtime_error("zip: cannot read back");
    zip_source_seek(source_, 0, SEEK_END);
    out.resize(static_cast<size_t>(zip_source_tell(source_)));
    zip_source_seek(source_, 0, SEEK_SET);
    zip_source_read(source_, out.data(), out.size());
    zip_source_close(source_);
    return out;
  }

 private:
  zip_error_t error_;
  zip_source_t* source_ = nullptr;
  zip_t* zip_ = nullptr;
  std::deque<std::string> texts_;
};

// urn:uuid: from 16 random bytes (RFC 9562 version 4).
std::string RandomUuid() {
  std::string b = crypto::RandomToken().substr(0, 16);
  b[6] = static_cast<char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<char>((b[8] & 0x3f) | 0x80);
  const std::string hex = crypto::ToHex(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20);
}

}  // namespace

std::string BuildEpub(const Book& book, const BookWords& words, const std::string& base_url) {
  Zip zip;
  zip.Add("mimetype", "application/epub+zip", true);  // first and uncompressed (OCF 3.3)
  zip.Add("META-INF/container.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
          "<rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles>\n</container>\n");
  zip.Add("OEBPS/style.css", kStyle);
  std::string title_body = "<section class=\"title-page\" epub:type=\"titlepage\"><h1>" + Esc(book.title) + "</h1>";
  if (!book.description.empty()) title_body += "<p>" + Esc(book.description) + "</p>";
  title_body += "<p class=\"made\">" + Esc(words.made) + "</p></section>";
  zip.Add("OEBPS/title.xhtml", Xhtml(book, book.title, title_body, true));

  // The navigation: the contents nested as the tree (an <ol> inside the <li> before it).
  std::string nav = "<nav epub:type=\"toc\" id=\"toc\"><h1>" + Esc(words.contents) + "</h1>\n<ol>";
  int depth = 0;
  for (size_t i = 0; i < book.chapters.size(); ++i) {
    const auto& ch = book.chapters[i];
    nav += "<li><a href=\"p" + IdToString(ch.page) + ".xhtml\">" + Esc(ch.title) + "</a>";
    const int next = i + 1 < book.chapters.size() ? book.chapters[i + 1].depth : 0;
    if (next > ch.depth) {
      nav += "<ol>";
      ++depth;
      continue;
    }
    nav += "</li>";
    for (int d = ch.depth; d > next && depth > 0; --d, --depth) nav += "</ol></li>";
  }
  nav += "</ol></nav>";
  zip.Add("OEBPS/nav.xhtml", Xhtml(book, words.contents, nav, true));

  std::string manifest, spine;
  for (const auto& ch : book.chapters) {
    const std::string file = "p" + IdToString(ch.page) + ".xhtml";
    std::string body = "<section><h1>" + Esc(ch.title) + "</h1>\n<p class=\"byline\">" + Esc(ch.byline) + "</p>\n";
    body += RewritePage(
        ch.html, BookLinks(book, base_url, false, ch.page),
        [&book](std::string_view src) -> std::optional<std::string> {
          auto file = BookImageFile(book, src);
          return file ? std::optional<std::string>("images/" + *file) : std::nullopt;
        },
        "", words.image);
    body += "</section>";
    zip.Add("OEBPS/" + file, Xhtml(book, ch.title, body));
    manifest += "<item id=\"p" + IdToString(ch.page) + "\" href=\"" + file + "\" media-type=\"application/xhtml+xml\"/>\n";
    spine += "<itemref idref=\"p" + IdToString(ch.page) + "\"/>\n";
  }
  for (const auto& image : book.images) {
    zip.Add("OEBPS/images/" + image.file, image.bytes);
    manifest += "<item id=\"i" + IdToString(image.id) + "\" href=\"images/" + image.file + "\" media-type=\"" + image.media_type + "\"/>\n";
  }
  std::string modified = FormatRfc3339(book.made_at);
  if (auto dot = modified.find('.'); dot != std::string::npos) modified = modified.substr(0, dot) + "Z";  // no fractions here
  zip.Add("OEBPS/content.opf",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"" +
              Esc(book.language) + "\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"uid\">urn:uuid:" + RandomUuid() +
              "</dc:identifier>\n<dc:title>" + Esc(book.title) + "</dc:title>\n<dc:language>" + Esc(book.language) +
              "</dc:language>\n<dc:publisher>" + Esc(book.space_name) + "</dc:publisher>\n<meta property=\"dcterms:modified\">" + modified +
              "</meta>\n</metadata>\n<manifest>\n<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
              "<item id=\"title\" href=\"title.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
              "<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n" + manifest +
              "</manifest>\n<spine>\n<itemref idref=\"title\"/>\n<itemref idref=\"nav\"/>\n" + spine + "</spine>\n</package>\n");
  return zip.Close();
}

}  // namespace agora::wiki
