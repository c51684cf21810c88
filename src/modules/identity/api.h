// HTTP routes of identity: sign-in, setup, the current person, sessions, tokens, and the
// admin user API. Thin handlers: parse, call the service, serialize.
#pragma once

#include "core/config.h"
#include "http/router.h"
#include "modules/identity/admin_service.h"
#include "modules/identity/service.h"

namespace agora::identity {

void RegisterApi(http::Router& router, IdentityService& service, const AuthConfig& auth);
void RegisterAdminApi(http::Router& router, AdminService& service);

}  // namespace agora::identity
