// Bearer tokens for SCIM clients (an identity provider that provisions people): made by an
// admin (People admin, `agora admin scim-token`), shown once, kept as SHA-256, revoked by an
// admin. Separate from personal access tokens: a SCIM token acts for no person and reaches
// only /scim/v2. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/admin_service.h"
#include "store/database.h"

namespace agora::scim {

struct TokenInfo {
  Id id = 0;
  std::string name;
  std::optional<Id> created_by;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
};

class ScimTokens {
 public:
  ScimTokens(agora::store::Database& db, IdGenerator& ids, const Clock& clock) : db_(db), ids_(ids), clock_(clock) {}

  // The record and the secret (never retrievable again). Audited.
  Result<std::pair<TokenInfo, std::string>> Create(const identity::Actor& actor, std::string_view name);
  std::vector<TokenInfo> List();
  Status Revoke(const identity::Actor& actor, Id id);
  // The token a request's "Authorization: Bearer" names; records its use (at most every 5 minutes).
  std::optional<TokenInfo> Authenticate(std::string_view bearer);

  static constexpr std::string_view kPrefix = "agscim_";

 private:
  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
};

}  // namespace agora::scim
