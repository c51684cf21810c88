// Routes of two-factor sign-in (two_factor.h).
#include "core/json.h"
#include "http/response.h"
#include "modules/identity/api.h"

namespace agora::identity {
namespace {

using http::Access;
using http::Method;
using http::Request;

constexpr std::int64_t kSmallBody = 64 * 1024;

http::Response Codes(const std::vector<std::string>& codes) {
  boost::json::array a;
  for (const auto& c : codes) a.emplace_back(c);
  return http::Json(200, {{"recovery_codes", std::move(a)}});
}

}  // namespace

void RegisterTwoFactorApi(http::Router& router, TwoFactor& tf, IdentityService& identity, const AuthConfig& auth) {
  router.Add(Method::kGet, "/api/v1/auth/two-factor", {.access = Access::kUser},
             [&tf, &identity](Request& req) {
               auto s = tf.Status(req.principal->user.id);
               return http::Json(200, {{"enabled", s.enabled},
                                       {"recovery_codes_left", s.recovery_codes_left},
                                       {"required", req.principal->is_admin() && identity.TwoFactorRequiredForAdmins()}});
             });

  router.Add(Method::kGet, "/api/v1/admin/security", {.access = Access::kAdmin},
             [&identity, &auth](Request&) {
               return http::Json(200, {{"require_two_factor_for_admins", identity.TwoFactorRequiredForAdmins()},
                                       {"required_by_configuration", auth.require_two_factor_for_admins}});
             });

  router.Add(Method::kPut, "/api/v1/admin/security",
             {.access = Access::kAdmin, .max_body_bytes = kSmallBody},
             [&identity, &auth](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"require_two_factor_for_admins"}); !st) return http::Problem(st.error());
               auto on = agora::json::OptionalBool(*body, "require_two_factor_for_admins");
               if (!on) return http::Problem(on.error());
               if (!*on) return http::Problem(Error::Invalid("require_two_factor_for_admins", "must be true or false"));
               auto st = identity.RequireTwoFactorForAdmins(*req.principal, **on, req.client_ip);
               if (!st) return http::Problem(st.error());
               return http::Json(200, {{"require_two_factor_for_admins", identity.TwoFactorRequiredForAdmins()},
                                       {"required_by_configuration", auth.require_two_factor_for_admins}});
             });

  router.Add(Method::kPost, "/api/v1/auth/two-factor/setup",
             {.access = Access::kUser, .max_body_bytes = kSmallBody, .work = http::Work::kPassword},
             [&tf](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto password = agora::json::RequiredString(*body, "password");
               if (!password) return http::Problem(password.error());
               auto s = tf.Begin(*req.principal, *password);
               if (!s) return http::Problem(s.error());
               return http::Json(200, {{"secret", s->secret}, {"otpauth_uri", s->otpauth_uri}, {"qr_svg", s->qr_svg}});
             });

  router.Add(Method::kPost, "/api/v1/auth/two-factor/enable",
             {.access = Access::kUser, .max_body_bytes = kSmallBody},
             [&tf](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto code = agora::json::RequiredString(*body, "code");
               if (!code) return http::Problem(code.error());
               auto codes = tf.Enable(*req.principal, *code, req.client_ip);
               return codes ? Codes(*codes) : http::Problem(codes.error());
             });

  router.Add(Method::kPost, "/api/v1/auth/two-factor/recovery-codes",
             {.access = Access::kUser, .max_body_bytes = kSmallBody, .work = http::Work::kPassword},
             [&tf](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto password = agora::json::RequiredString(*body, "password");
               if (!password) return http::Problem(password.error());
               auto codes = tf.NewRecoveryCodes(*req.principal, *password, req.client_ip);
               return codes ? Codes(*codes) : http::Problem(codes.error());
             });

  router.Add(Method::kPost, "/api/v1/auth/two-factor/disable",
             {.access = Access::kUser, .max_body_bytes = kSmallBody, .work = http::Work::kPassword},
             [&tf](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               auto password = agora::json::RequiredString(*body, "password");
               if (!password) return http::Problem(password.error());
               auto st = tf.Disable(*req.principal, *password, req.client_ip);
               return st ? http::NoContent() : http::Problem(st.error());
             });

  router.Add(Method::kPost, "/api/v1/auth/login/code",
             {.access = Access::kPublic, .max_body_bytes = kSmallBody},
             [&tf, &auth](Request& req) {
               auto body = http::JsonBody(req);
               if (!body) return http::Problem(body.error());
               if (auto st = agora::json::OnlyKeys(*body, {"challenge", "code"}); !st) return http::Problem(st.error());
               auto challenge = agora::json::RequiredString(*body, "challenge");
               if (!challenge) return http::Problem(challenge.error());
               auto code = agora::json::RequiredString(*body, "code");
               if (!code) return http::Problem(code.error());
               auto s = tf.Finish(*challenge, *code, ClientOf(req));
               if (!s) return http::Problem(s.error());
               return SignInResponse(200, *s, auth);
             });

  router.Add(Method::kDelete, "/api/v1/admin/users/{id}/two-factor",
             {.access = Access::kAdmin},
             [&tf](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               auto st = tf.AdminReset({req.principal->user.id, req.client_ip}, *id);
               return st ? http::NoContent() : http::Problem(st.error());
             });
}

}  // namespace agora::identity
