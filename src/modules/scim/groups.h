// SCIM 2.0 Groups as communities: a group an identity provider pushes (Entra ID "assigned
// groups", Okta "push groups") becomes a community whose members follow it. Created through
// the communities service (CommunityService::CreateProvisioned: by invitation, listed,
// owned by the admin who made the SCIM token so that a person moderates it), members added
// and removed through it (each audited, feeds told), renamed through it. Only communities
// made this way are SCIM groups (scim_groups); DELETE stops the provider managing the
// community and leaves it, its posts and its members as they are.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/communities/service.h"
#include "modules/scim/filter.h"
#include "modules/scim/tokens.h"
#include "modules/scim/users.h"
#include "store/database.h"

namespace agora::scim {

inline constexpr std::string_view kGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

class ScimGroups {
 public:
  ScimGroups(agora::store::Database& db, IdGenerator& ids, const Clock& clock, communities::CommunityService& communities)
      : db_(db), ids_(ids), clock_(clock), communities_(communities) {}
  void SetBaseUrl(std::string base) { base_url_ = std::move(base); }

  // `members`: false leaves the member lists out (excludedAttributes=members, as Entra asks).
  Result<ListResult> List(const FilterNode* filter, size_t start_index, size_t count, bool members);
  Result<boost::json::object> Get(Id id, bool members = true);
  Result<boost::json::object> Create(const boost::json::object& resource, const TokenInfo& token);
  Result<boost::json::object> Replace(Id id, const boost::json::object& resource, const TokenInfo& token);
  Result<boost::json::object> Patch(Id id, const boost::json::object& patch, const TokenInfo& token);
  Status Delete(Id id, const TokenInfo& token);

 private:
  std::optional<boost::json::object> Load(agora::store::Connection& c, Id id, bool members);
  Status SetMembers(Id id, const std::vector<Id>& wanted, const TokenInfo& token);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  communities::CommunityService& communities_;
  std::string base_url_;
};

}  // namespace agora::scim
