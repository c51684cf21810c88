// Moving pages from another wiki (import_source.h): POST
// /api/v1/wiki/spaces/{space}/imports?format=mediawiki (a MediaWiki XML export) or
// format=markdown (a zip of Markdown files) with the file as the body starts an import
// (202, the space's owners); GET /api/v1/wiki/imports/{id} follows it to its report.
#pragma once

#include "http/router.h"
#include "modules/wiki/import_jobs.h"

namespace agora::wiki {

inline constexpr std::int64_t kMaxImportBytes = 64 * 1024 * 1024;

void RegisterImportApi(http::Router& router, ImportJobs& jobs);

}  // namespace agora::wiki
