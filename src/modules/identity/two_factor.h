// Two-factor sign-in with an authenticator app: TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30 s,
// one step of clock drift either way) through liboath, a QR code of the otpauth:// URI through
// libqrencode (shown once, with the secret as text), ten recovery codes (shown once, stored
// hashed, each works once). Turning it on or off asks for the password again. A sign-in with
// the right password then gets a challenge (5 minutes, 5 tries) instead of a session, and
// the code finishes it. An admin can reset it for someone who lost their phone (audited).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/admin_service.h"
#include "modules/identity/model.h"
#include "modules/identity/service.h"
#include "store/database.h"

namespace agora::identity {

struct TwoFactorSetup {
  std::string secret;       // base32, for typing into an app
  std::string otpauth_uri;  // otpauth://totp/...
  std::string qr_svg;       // the URI as a QR code (SVG)
};

struct TwoFactorStatus {
  bool enabled = false;
  std::int64_t recovery_codes_left = 0;
};

class TwoFactor {
 public:
  TwoFactor(agora::store::Database& db, IdGenerator& ids, const Clock& clock, IdentityService& identity,
            std::string issuer, bus::Bus* bus = nullptr);

  TwoFactorStatus Status(Id user);
  // A new pending secret (replacing a pending one); 409 when it is on already.
  Result<TwoFactorSetup> Begin(const Principal& p, std::string_view password);
  // Confirms the pending secret with a code from the app; returns the recovery codes.
  // (`ip`: the client address, for the audit log, as every change of how one signs in.)
  Result<std::vector<std::string>> Enable(const Principal& p, std::string_view code, std::string_view ip);
  agora::Status Disable(const Principal& p, std::string_view password, std::string_view ip);
  // New recovery codes (the old ones stop working).
  Result<std::vector<std::string>> NewRecoveryCodes(const Principal& p, std::string_view password, std::string_view ip);
  agora::Status AdminReset(const Actor& actor, Id user);

  // Login's second step: 401 for a wrong code (the challenge ends after 5), 404 for an
  // unknown or expired challenge. `code` is six digits or a recovery code.
  Result<SignIn> Finish(std::string_view challenge, std::string_view code, const ClientInfo& client);

  static constexpr std::int64_t kChallengeTtlMs = 5 * 60 * 1000;
  static constexpr int kChallengeAttempts = 5;
  static constexpr int kRecoveryCodes = 10;

 private:
  Result<User> CheckPassword(const Principal& p, std::string_view password, std::string_view field);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  IdentityService& identity_;
  std::string issuer_;
  bus::Bus* bus_;
};

// Inside Login's write transaction: a challenge for `user` (its token).
std::string IssueSignInChallenge(agora::store::Connection& c, Id user, std::int64_t now);

}  // namespace agora::identity
