#pragma once

#include "http/router.h"
#include "modules/notifications/mails.h"
#include "modules/notifications/service.h"

namespace agora::notifications {

// A person's notifications and their settings, how each kind reaches them, and the one-click
// unsubscribe of notification mail.
void RegisterApi(http::Router& router, NotificationService& service, UnsubscribeLinks& unsubscribe);

}  // namespace agora::notifications
