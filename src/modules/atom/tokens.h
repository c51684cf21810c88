// Feed tokens: a person's secret for reading, through Atom, what they may read when signed
// in. A feed reader cannot sign in, so the token goes in the feed's address
// (/feeds/{feed_token}/...); it reads feeds and nothing else. One per person: a new one
// revokes the old, and deleting it revokes it. Only its SHA-256 is stored.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/model.h"
#include "store/database.h"

namespace agora::atom {

struct IssuedToken {
  std::string token;  // shown once
  std::int64_t created_at = 0;
};

class FeedTokens {
 public:
  FeedTokens(agora::store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Members, admins, guests and alumni alike: a token reads only what its person may read.
  Result<IssuedToken> Issue(const identity::Principal& who);
  void Revoke(Id person);
  // When the person's current token was made; nullopt when they have none.
  std::optional<std::int64_t> CreatedAt(Id person);
  // The active account a token belongs to; nullopt for an unknown or revoked token or a
  // deactivated account.
  std::optional<identity::User> Resolve(std::string_view token);

  static constexpr std::string_view kPrefix = "agf_";

 private:
  agora::store::Database& db_;
  const Clock& clock_;
};

}  // namespace agora::atom
