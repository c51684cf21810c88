// The wiki's routes under /api/v1/wiki: spaces and their members, pages by address and by
// id, saves (with merges and conflicts), history, diffs, restores, and links both ways.
// Comments and reactions on a page are the content routes' (/api/v1/content/{id}/comments).
#pragma once

#include "http/router.h"
#include "modules/wiki/service.h"

namespace agora::wiki {

void RegisterApi(http::Router& router, WikiService& service);

}  // namespace agora::wiki
