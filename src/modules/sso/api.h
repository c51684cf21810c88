// Routes of single sign-on (service.h): the providers on the sign-in page, the redirect to
// a provider and the way back.
#pragma once

#include "core/config.h"
#include "http/router.h"
#include "modules/sso/service.h"

namespace agora::sso {

void RegisterApi(http::Router& router, SsoService& service, const AuthConfig& auth);

}  // namespace agora::sso
