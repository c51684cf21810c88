// Exporting wiki pages as a book (book.h): GET /api/v1/wiki/pages/{id}/export (the page, or
// with scope=subtree the pages below it too) and GET /api/v1/wiki/spaces/{space}/export (the
// whole space), format=pdf or epub, as a download. At most one export per person and two in
// all at a time (429/503 beyond): a PDF is a weasyprint process's seconds of CPU.
#pragma once

#include <string>

#include "http/router.h"
#include "modules/images/service.h"
#include "modules/wiki/service.h"

namespace agora::wiki {

// `base_url`: where the server is reached (links to Agora in a book); read at each request.
// `images`: the pictures the pages show, read as the reader may.
void RegisterExportApi(http::Router& router, WikiService& service, images::ImageService& images, const std::string& base_url);

}  // namespace agora::wiki
