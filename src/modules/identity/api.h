// HTTP routes of identity: sign-in, setup, the current person, sessions, tokens, and the
// admin user API. Thin handlers: parse, call the service, serialize.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/config.h"
#include "http/router.h"
#include "modules/identity/account_links.h"
#include "modules/identity/admin_service.h"
#include "modules/identity/service.h"
#include "modules/identity/two_factor.h"

namespace agora::identity {

// `end_session_url` (single sign-on, modules/sso) names where the browser goes after signing
// out of a session that a provider started, so that the provider's session ends too.
using EndSessionUrl = std::function<std::optional<std::string>(const Principal&)>;
void RegisterApi(http::Router& router, IdentityService& service, const AuthConfig& auth,
                 EndSessionUrl end_session_url = nullptr);
void RegisterAdminApi(http::Router& router, AdminService& service);
// Activation and reset links, "Forgot password?", and the admin's invitations and resets.
void RegisterLinksApi(http::Router& router, AccountLinks& links, const AuthConfig& auth);
// Two-factor sign-in: setting it up, the sign-in's second step, an admin's reset.
void RegisterTwoFactorApi(http::Router& router, TwoFactor& two_factor, IdentityService& identity, const AuthConfig& auth);

// A successful sign-in's answer: the person, the CSRF token, the session (and device) cookies.
http::Response SignInResponse(int status, const SignIn& s, const AuthConfig& auth);
ClientInfo ClientOf(const http::Request& req);

}  // namespace agora::identity
