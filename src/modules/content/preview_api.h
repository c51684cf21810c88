// An editor's preview: Markdown rendered exactly as it will show (cmark-gfm, raw HTML off,
// mentions and hashtags linked), without saving anything.
#pragma once

#include "http/router.h"
#include "store/database.h"

namespace agora::content {

// POST /api/v1/markdown {"body"} -> {"html"}.
void RegisterPreviewApi(http::Router& router, agora::store::Database& db);

}  // namespace agora::content
