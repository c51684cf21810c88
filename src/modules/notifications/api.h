#pragma once

#include "http/router.h"
#include "modules/notifications/service.h"

namespace agora::notifications {

// A person's notifications and their settings.
void RegisterApi(http::Router& router, NotificationService& service);

}  // namespace agora::notifications
