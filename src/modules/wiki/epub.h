// A book (book.h) as EPUB 3, built here: an XHTML file per page, a title page, the
// navigation document (the contents, nested as the tree is), the package document (its
// metadata, manifest and reading order), zipped by libzip with the uncompressed `mimetype`
// first, as the OCF container asks. Checked with Debian's epubcheck in the tests.
#pragma once

#include <string>

#include "modules/wiki/book.h"

namespace agora::wiki {

std::string BuildEpub(const Book& book, const BookWords& words, const std::string& base_url);

}  // namespace agora::wiki
