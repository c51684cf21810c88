#pragma once

#include "http/router.h"
#include "modules/forum/service.h"

namespace agora::forum {

void RegisterApi(http::Router& router, ForumService& service);

}  // namespace agora::forum
