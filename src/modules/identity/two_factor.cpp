#include "modules/identity/two_factor.h"

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <cstdlib>
#include <mutex>

#include "core/crypto.h"
#include "modules/audit/store.h"
#include "modules/identity/store.h"

namespace agora::identity {
namespace {

using agora::store::Connection;

// The person's secret, whether it is confirmed (enabled_at), and the step of the last code used.
constexpr const char* kSecret = "SELECT secret, enabled_at, last_step FROM two_factor WHERE user_id = ?1";
constexpr const char* kPutPending =
    "INSERT INTO two_factor (user_id, secret, created_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at,"
    " enabled_at = NULL, last_step = 0";
constexpr const char* kEnable = "UPDATE two_factor SET enabled_at = ?2, last_step = ?3 WHERE user_id = ?1";
constexpr const char* kStep = "UPDATE two_factor SET last_step = ?2 WHERE user_id = ?1";
constexpr const char* kRemove = "DELETE FROM two_factor WHERE user_id = ?1";
constexpr const char* kFlag = "UPDATE users SET two_factor = ?2, updated_at = ?3 WHERE id = ?1";
constexpr const char* kDeleteCodes = "DELETE FROM recovery_codes WHERE user_id = ?1";
constexpr const char* kInsertCode = "INSERT INTO recovery_codes (code_hash, user_id) VALUES (?1, ?2)";
constexpr const char* kUseCode = "DELETE FROM recovery_codes WHERE code_hash = ?1 AND user_id = ?2";
constexpr const char* kCountCodes = "SELECT count(*) FROM recovery_codes WHERE user_id = ?1";
constexpr const char* kInsertChallenge =
    "INSERT INTO sign_in_challenges (token_hash, user_id, expires_at) VALUES (?1, ?2, ?3)";
constexpr const char* kExpiredChallenges = "DELETE FROM sign_in_challenges WHERE expires_at <= ?1";
constexpr const char* kFindChallenge =
    "SELECT user_id, attempts FROM sign_in_challenges WHERE token_hash = ?1 AND expires_at > ?2";
constexpr const char* kChallengeAttempt = "UPDATE sign_in_challenges SET attempts = attempts + 1 WHERE token_hash = ?1";
constexpr const char* kEndChallenge = "DELETE FROM sign_in_challenges WHERE token_hash = ?1";

void InitOath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

std::string Base32(const std::string& raw) {
  char* out = nullptr;
  size_t len = 0;
  oath_base32_encode(raw.data(), raw.size(), &out, &len);
  std::string s(out, len);
  std::free(out);
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

std::string FromBase32(const std::string& text) {
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_decode(text.data(), text.size(), &out, &len) != OATH_OK) return {};
  std::string raw(out, len);
  std::free(out);
  return raw;
}

// Percent-encodes a label of the otpauth URI ('@' kept, as authenticator apps show it).
std::string UriEncode(std::string_view s) {
  static constexpr auto kLabelChars = boost::urls::unreserved_chars + '@';
  return boost::urls::encode(s, kLabelChars);
}

// Two-factor sign-in off for `user`: the secret, the recovery codes and the flag go.
void TurnOff(Connection& c, Id user, std::int64_t now) {
  c.Prepare(kRemove, user).Run();
  c.Prepare(kDeleteCodes, user).Run();
  c.Prepare(kFlag, user, 0, now).Run();
}

// The QR code as an SVG path, one unit per module, with the quiet zone the standard asks for.
std::string QrSvg(const std::string& text) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return {};
  const int n = qr->width, size = n + 8;
  std::string path;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (qr->data[y * n + x] & 1) path += "M" + std::to_string(x + 4) + " " + std::to_string(y + 4) + "h1v1h-1z";
  QRcode_free(qr);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " + std::to_string(size) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" +
         path + "\"/></svg>";
}

// The time step of `code` for `secret` at `now_s` (one step of drift allowed), or nullopt.
std::optional<std::int64_t> CodeStep(const std::string& secret_b32, std::string_view code, std::int64_t now_s) {
  InitOath();
  if (code.size() != 6) return std::nullopt;
  for (char ch : code)
    if (ch < '0' || ch > '9') return std::nullopt;
  const std::string raw = FromBase32(secret_b32);
  if (raw.empty()) return std::nullopt;
  int position = 0;
  std::uint64_t counter = 0;
  const std::string otp(code);
  int rc = oath_totp_validate3(raw.data(), raw.size(), static_cast<time_t>(now_s), 30, 0, 1, &position, &counter, otp.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

// "abcde-fghij": ten characters of base32 (50 bits), easy to read out and type.
std::vector<std::string> MakeRecoveryCodes(Connection& c, Id user) {
  c.Prepare(kDeleteCodes, user).Run();
  std::vector<std::string> codes;
  for (int i = 0; i < TwoFactor::kRecoveryCodes; ++i) {
    std::string raw(7, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string b = Base32(raw).substr(0, 10);
    for (auto& ch : b) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    std::string code = b.substr(0, 5) + "-" + b.substr(5, 5);
    c.Prepare(kInsertCode, crypto::ToHex(crypto::Sha256(code)), user).Run();
    codes.push_back(code);
  }
  return codes;
}

std::string NormalizeRecoveryCode(std::string_view code) {
  std::string out;
  for (char ch : code) {
    if (ch == ' ' || ch == '-') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  if (out.size() != 10) return {};
  return out.substr(0, 5) + "-" + out.substr(5);
}

}  // namespace

std::string IssueSignInChallenge(Connection& c, Id user, std::int64_t now) {
  std::string token = crypto::RandomToken();
  c.Prepare(kExpiredChallenges, now).Run();
  c.Prepare(kInsertChallenge, crypto::ToHex(crypto::Sha256(token)), user, now + TwoFactor::kChallengeTtlMs).Run();
  return token;
}

TwoFactor::TwoFactor(agora::store::Database& db, IdGenerator& ids, const Clock& clock, IdentityService& identity,
                     std::string issuer, bus::Bus* bus)
    : db_(db), ids_(ids), clock_(clock), identity_(identity), issuer_(std::move(issuer)), bus_(bus) {}

Result<User> TwoFactor::CheckPassword(const Principal& p, std::string_view password, std::string_view field) {
  auto found = db_.Read([&](auto& c) { return store::FindUserById(c, p.user.id); });
  if (!found || !found->password_hash || !identity_.hasher().Verify(*found->password_hash, password))
    return Error::Invalid(std::string(field), "the password is incorrect").Because("incorrect");
  return found->user;
}

TwoFactorStatus TwoFactor::Status(Id user) {
  return db_.Read([&](Connection& c) {
    TwoFactorStatus s;
    auto q = c.Prepare(kSecret, user);
    s.enabled = q.Next() && !q.IsNull(1);
    auto n = c.Prepare(kCountCodes, user);
    n.Next();
    s.recovery_codes_left = n.Int(0);
    return s;
  });
}

Result<TwoFactorSetup> TwoFactor::Begin(const Principal& p, std::string_view password) {
  auto user = CheckPassword(p, password, "password");
  if (!user) return user.error();
  if (user->two_factor) return Error::Conflict("two-factor sign-in is on already; turn it off first to change the app");
  std::string raw(20, '\0');  // 160 bits, as RFC 4226 recommends
  randombytes_buf(raw.data(), raw.size());
  TwoFactorSetup s;
  s.secret = Base32(raw);
  s.otpauth_uri = "otpauth://totp/" + UriEncode(issuer_) + ":" + UriEncode(user->email) + "?secret=" + s.secret +
                  "&issuer=" + UriEncode(issuer_) + "&algorithm=SHA1&digits=6&period=30";
  s.qr_svg = QrSvg(s.otpauth_uri);
  db_.Write([&](Connection& c) { c.Prepare(kPutPending, p.user.id, s.secret, clock_.NowMs()).Run(); });
  return s;
}

Result<std::vector<std::string>> TwoFactor::Enable(const Principal& p, std::string_view code, std::string_view ip) {
  auto result = db_.Write([&](Connection& c) -> Result<std::vector<std::string>> {
    auto q = c.Prepare(kSecret, p.user.id);
    if (!q.Next()) return Error::Conflict("start setting up two-factor sign-in first", "code");
    if (!q.IsNull(1)) return Error::Conflict("two-factor sign-in is on already", "code");
    const std::string secret = q.Text(0);
    auto step = CodeStep(secret, code, clock_.NowMs() / 1000);
    if (!step) return Error::Invalid("code", "the code is not the one your app shows now; check the phone's clock");
    const std::int64_t now = clock_.NowMs();
    c.Prepare(kEnable, p.user.id, now, *step).Run();
    c.Prepare(kFlag, p.user.id, 1, now).Run();
    audit::Record(c, {ids_.Next(), p.user.id, "user.two_factor_on", "user", p.user.id, "{}", std::string(ip), now});
    return MakeRecoveryCodes(c, p.user.id);
  });
  if (result && bus_) bus_->Publish({.kind = bus::Event::Kind::kAccountChanged, .actor = p.user.id, .people = {p.user.id}});
  return result;
}

agora::Status TwoFactor::Disable(const Principal& p, std::string_view password, std::string_view ip) {
  auto user = CheckPassword(p, password, "password");
  if (!user) return user.error();
  db_.Write([&](Connection& c) {
    const std::int64_t now = clock_.NowMs();
    TurnOff(c, p.user.id, now);
    audit::Record(c, {ids_.Next(), p.user.id, "user.two_factor_off", "user", p.user.id, "{}", std::string(ip), now});
  });
  if (bus_) bus_->Publish({.kind = bus::Event::Kind::kAccountChanged, .actor = p.user.id, .people = {p.user.id}});
  return OkStatus();
}

Result<std::vector<std::string>> TwoFactor::NewRecoveryCodes(const Principal& p, std::string_view password,
                                                              std::string_view ip) {
  auto user = CheckPassword(p, password, "password");
  if (!user) return user.error();
  if (!user->two_factor) return Error::Conflict("two-factor sign-in is off");
  return db_.Write([&](Connection& c) {
    audit::Record(c, {ids_.Next(), p.user.id, "user.recovery_codes_new", "user", p.user.id, "{}", std::string(ip), clock_.NowMs()});
    return MakeRecoveryCodes(c, p.user.id);
  });
}

agora::Status TwoFactor::AdminReset(const Actor& actor, Id user) {
  auto st = db_.Write([&](Connection& c) -> agora::Status {
    auto found = store::FindUserById(c, user);
    if (!found) return Error::NotFound("no such user");
    if (!found->user.two_factor) return Error::Conflict("two-factor sign-in is off for this person");
    const std::int64_t now = clock_.NowMs();
    TurnOff(c, user, now);
    auto ended = store::DeleteSessionsOfUser(c, user, 0);
    audit::Record(c, {ids_.Next(), actor.user_id, "user.two_factor_reset", "user", user,
                      boost::json::serialize(boost::json::object{{"sessions_ended", ended}}), actor.ip, now});
    return OkStatus();
  });
  if (st && bus_) bus_->Publish({.kind = bus::Event::Kind::kAccessChanged, .actor = actor.user_id.value_or(0), .people = {user}});
  return st;
}

Result<SignIn> TwoFactor::Finish(std::string_view challenge, std::string_view code, const ClientInfo& client) {
  if (challenge.size() < 32 || challenge.size() > 64) return Error::NotFound("this sign-in has expired; sign in again");
  const std::string hash = crypto::ToHex(crypto::Sha256(challenge));
  struct Outcome {
    std::optional<SignIn> signed_in;
    bool known = false;
  };
  // One transaction that always commits: a wrong code's attempt must count.
  auto outcome = db_.Write([&](Connection& c) {
    Outcome o;
    const std::int64_t now = clock_.NowMs();
    auto q = c.Prepare(kFindChallenge, hash, now);
    if (!q.Next()) return o;
    o.known = true;
    const Id user = q.Int(0);
    const std::int64_t attempts = q.Int(1) + 1;
    bool ok = false;
    auto secret = c.Prepare(kSecret, user);
    if (secret.Next() && !secret.IsNull(1)) {
      const std::string b32 = secret.Text(0);
      const std::int64_t last = secret.Int(2);
      if (auto step = CodeStep(b32, code, now / 1000); step && *step > last) {  // a code works once
        c.Prepare(kStep, user, *step).Run();
        ok = true;
      } else if (auto rc = NormalizeRecoveryCode(code); !rc.empty()) {
        ok = c.Prepare(kUseCode, crypto::ToHex(crypto::Sha256(rc)), user).Run() > 0;
        if (ok) audit::Record(c, {ids_.Next(), user, "user.recovery_code_used", "user", user, "{}", client.ip, now});
      }
    }
    if (!ok) {
      if (attempts >= kChallengeAttempts) c.Prepare(kEndChallenge, hash).Run();
      else c.Prepare(kChallengeAttempt, hash).Run();
      return o;
    }
    c.Prepare(kEndChallenge, hash).Run();
    auto found = store::FindUserById(c, user);
    if (!found || !found->user.active) return o;
    o.signed_in = identity_.StartSession(c, found->user, client);
    return o;
  });
  if (!outcome.known) return Error::NotFound("this sign-in has expired; sign in again");
  if (!outcome.signed_in) return Error::Unauthenticated("the code is incorrect").Because("wrong_code");
  return *outcome.signed_in;
}

}  // namespace agora::identity
