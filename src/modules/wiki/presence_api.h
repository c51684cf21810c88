// "Ana is editing this page" (wiki/presence.h): GET, PUT and DELETE
// /api/v1/wiki/pages/{id}/editing, and the live stream's "wiki.editing" frame to the
// connections showing the page (which watch its id: the stream's watch filter asked the
// audience rule).
#pragma once

#include "http/router.h"
#include "live/stream_hub.h"
#include "modules/wiki/presence.h"
#include "modules/wiki/service.h"

namespace agora::wiki {

void RegisterPresenceApi(http::Router& router, WikiService& service, EditingPresence& presence, live::StreamHub& hub);

}  // namespace agora::wiki
