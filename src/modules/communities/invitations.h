// Invitations by e-mail. Someone with an account is invited as by id. Someone without one
// gets a one-time link (valid 14 days; only its hash is stored) that creates a guest account
// with that e-mail and makes it a member: so only communities that allow guests take them.
// The link is mailed to the address (and returned to the inviter, who may pass it on).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/communities/service.h"
#include "modules/identity/passwords.h"
#include "modules/mail/worker.h"
#include "store/database.h"

namespace agora::communities {

struct EmailInvitation {
  std::string email;
  std::optional<Membership> membership;  // the address has an account: invited as a person
  std::string token;                     // otherwise: the one-time token of the link
  std::int64_t expires_at = 0;
};

struct InvitationInfo {
  std::string community_name, email;
  std::int64_t expires_at = 0;
};

class InvitationService {
 public:
  InvitationService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, const identity::PasswordHasher& hasher,
                    CommunityService& communities)
      : db_(db), ids_(ids), clock_(clock), hasher_(hasher), communities_(communities) {}

  Result<EmailInvitation> Invite(const identity::Principal& who, std::string_view community, std::string_view email);
  // What a link is for; 404 when it is unknown, used or expired.
  Result<InvitationInfo> Lookup(std::string_view token);
  // Creates the guest account (422 naming display_name or password) and the membership.
  Result<identity::User> Accept(std::string_view token, std::string_view display_name, std::string_view password);

  static constexpr std::int64_t kTtlMs = 14LL * 24 * 3600 * 1000;

 private:
  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  const identity::PasswordHasher& hasher_;
  CommunityService& communities_;
};

inline constexpr const char* kMailInvitation = "community.invitation";
// Renders the invitation mails Invite queues (nothing when the invitation no longer stands).
void RegisterInvitationMail(mail::Worker& worker, const Clock& clock);

}  // namespace agora::communities
