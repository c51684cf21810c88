// File routes: upload (the file is the request body, ?name= its name) and download.
#pragma once

#include "http/router.h"
#include "modules/files/service.h"

namespace agora::files {

void RegisterApi(http::Router& router, FileService& service);

// A Content-Disposition that saves rather than shows: `name` percent-encoded for filename*
// (RFC 6266), `fallback` (plain ASCII) for clients that do not read it.
std::string AttachmentDisposition(std::string_view name, std::string_view fallback);

}  // namespace agora::files
