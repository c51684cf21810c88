// Links that set a password, and the mail around them: admins invite people to activate the
// accounts they created or imported, anyone may ask for a password reset, an admin may send
// someone a reset link (never seeing a password). The link's token is made when its mail is
// rendered (account_mails.h) and only its hash is kept (account_tokens); it works once, until
// it expires, and setting the password ends every other sign-in and signs the browser in.
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
#include "modules/identity/request_limiter.h"
#include "modules/identity/service.h"
#include "store/database.h"

namespace agora::identity {

enum class LinkPurpose { kActivate, kReset };
inline std::string_view LinkPurposeName(LinkPurpose p) { return p == LinkPurpose::kActivate ? "activate" : "reset"; }

struct LinkInfo {
  LinkPurpose purpose = LinkPurpose::kActivate;
  std::string email, display_name;
  std::int64_t expires_at = 0;
};

// Who to invite: the listed people, or everyone who has not activated yet.
struct InviteRequest {
  std::vector<Id> user_ids;
  bool everyone_not_activated = false;
};

class AccountLinks {
 public:
  AccountLinks(agora::store::Database& db, IdGenerator& ids, const Clock& clock, IdentityService& identity,
               bus::Bus* bus = nullptr);

  // Queues an activation mail for each listed person who is active and has not activated;
  // returns how many. Audited. (Already activated or deactivated people are skipped.)
  Result<std::int64_t> Invite(const Actor& actor, const InviteRequest& who);
  // The same for any number of people (the ones a staff import created), in transactions of
  // 2,000 so that a large import's invitations never hold the writer for long.
  std::int64_t InviteMany(const Actor& actor, const std::vector<Id>& user_ids);
  // An admin sends `id` a reset link (valid 24 hours). Audited.
  Status SendReset(const Actor& actor, Id id);
  // "Forgot password?": always the same answer, and the same work, whether or not the
  // address has an account (the worker looks it up when it renders the mail). 429 when this
  // client address asked too often; an address asked for too often is silently skipped.
  Status RequestReset(std::string_view email, std::string_view client_ip);

  // What a link is for; 404 when unknown, used or expired.
  Result<LinkInfo> Lookup(std::string_view token);
  // Sets the password (422 naming "password"), spends the link and every other link of the
  // person, ends their other sessions, tells them by mail (resets), and signs in.
  Result<SignIn> Use(std::string_view token, std::string_view password, const ClientInfo& client);

  static constexpr std::int64_t kActivateTtlMs = 7LL * 24 * 3600 * 1000;
  static constexpr std::int64_t kResetTtlMs = 3600LL * 1000;              // "Forgot password?"
  static constexpr std::int64_t kAdminResetTtlMs = 24LL * 3600 * 1000;    // sent by an admin

 private:
  std::int64_t InviteIn(agora::store::Connection& c, const Actor& actor, const std::vector<Id>& user_ids);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  IdentityService& identity_;
  bus::Bus* bus_;
  RequestLimiter per_address_;
  RequestLimiter per_ip_;
};

// Mail kinds (modules/mail/outbox.h) this module queues.
inline constexpr const char* kMailActivate = "account.activate";
inline constexpr const char* kMailReset = "account.reset";                 // to an account (admin)
inline constexpr const char* kMailResetRequest = "account.reset_request";  // to an address typed in the form
inline constexpr const char* kMailPasswordChanged = "account.password_changed";

}  // namespace agora::identity

namespace agora::identity {
// Makes a link token of `purpose` for `user` inside the caller's write transaction (the mail
// renderer's): the person's earlier links of that purpose stop working. Returns the token.
std::string IssueLinkToken(agora::store::Connection& c, Id user, LinkPurpose purpose, std::int64_t now, std::int64_t ttl_ms);
}  // namespace agora::identity
