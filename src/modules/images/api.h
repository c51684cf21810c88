#pragma once

#include "http/router.h"
#include "modules/images/service.h"

namespace agora::images {

void RegisterApi(http::Router& router, ImageService& service);

}  // namespace agora::images
