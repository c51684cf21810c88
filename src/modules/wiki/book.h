// A book made of wiki pages (issue 19, "export"): a page, a page and the pages below it, or a
// whole space, in the tree's order, as its reader may read them, with a title page and a
// table of contents. Two forms:
// - PDF: one HTML document (BookHtml) rendered by Debian's weasyprint, run as a separate
//   process (pdf.h), with nothing in it that weasyprint would fetch: no outside URL is ever
//   asked for (an image from elsewhere becomes its description).
// - EPUB 3: built here (epub.h): an XHTML file per page, the package document and the
//   navigation document, zipped by libzip.
// Links between pages of the book go to their chapter; other links to Agora go to its
// address (http.public_url); a link to a page that does not exist is plain words.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"

namespace agora::wiki {

struct BookChapter {
  Id page = 0;
  int depth = 0;  // 0: the book's top level
  std::string title, slug;
  std::string html;    // the page as its reader sees it (render.h ForReader)
  std::string byline;  // its last editor, date and revision: "Ana Berg · 2026-12-02 · r4"
};

// A picture a page shows (one of ours, which the reader may see), as a file of the book.
struct BookImage {
  Id id = 0;
  std::string file;        // "img-<id>.jpg"
  std::string media_type;  // "image/jpeg", "image/webp"
  std::string bytes;
};

struct Book {
  std::string title;  // the page's title, or the space's name
  std::string space_handle, space_name, description;
  std::string language = "en";  // the reader's
  std::string made_by;          // the reader's name
  std::int64_t made_at = 0;
  std::vector<BookChapter> chapters;
  std::vector<BookImage> images;  // the pictures its pages show (others are left out, described)
};

// The book's file for a picture's address ("/api/v1/images/<id>/<size>"), if it holds it.
std::optional<std::string> BookImageFile(const Book& book, std::string_view src);

// The words a book's frame says, in the book's language.
struct BookWords {
  std::string contents;  // "Contents"
  std::string made;      // "From the Team Handbook wiki, 2 December 2026, for Ana Berg"
  std::string image;     // "Image: {alt}" for an image left out
};

// What a link in a page becomes: a new href, or nullopt for plain words.
using BookLinkTarget = std::function<std::optional<std::string>(std::string_view href)>;
// The page's HTML with each <a href> given its new target (or made a <span>), each <img>
// kept when `keep_image` says so (its src replaced by what it returns) and its description in
// words otherwise, and each id prefixed with `id_prefix` (several pages in one document).
std::string RewritePage(std::string_view html, const BookLinkTarget& target,
                        const std::function<std::optional<std::string>(std::string_view src)>& keep_image, std::string_view id_prefix,
                        std::string_view image_word);

// Where the book's links go: a chapter's anchor (PDF: "#page-<id>") or file (EPUB:
// "p<id>.xhtml"), Agora's address for other links of ours, outside URLs as they are.
BookLinkTarget BookLinks(const Book& book, const std::string& base_url, bool one_document, Id chapter);

// The whole book as one HTML document for weasyprint: a title page, the contents with page
// numbers, each page from a new sheet, its headings as PDF bookmarks under its chapter's.
std::string BookHtml(const Book& book, const BookWords& words, const std::string& base_url);

inline constexpr size_t kMaxBookPages = 2000;

}  // namespace agora::wiki
