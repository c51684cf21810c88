// SCIM 2.0 Users (RFC 7643/7644) on Agora's accounts and profiles: an identity provider
// (Entra ID, Okta, OneLogin, Keycloak) creates, updates, deactivates and lists people. The
// changes go through the same code as every other way of changing a person (identity's
// account functions, people's profile store, AdminService for role and active state, which
// signs a deactivated person out everywhere at once); each is audited with the SCIM token's
// name. A User is:
//   id (Agora's), externalId (the provider's, linked in external_identities as "scim"),
//   userName and emails[primary] (the e-mail), displayName / name.formatted, title,
//   phoneNumbers[work], userType (Guest makes a guest), active, and the enterprise
//   extension's department and manager (by id).
// PATCH is applied to the resource as JSON, with the documented quirks of Entra ID
// ("Replace", "True"/"False" as strings, filtered paths like emails[type eq "work"].value)
// and Okta (operations without a path), then saved like a PUT. DELETE deactivates: people
// are never erased by a provider (their posts stay theirs).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/admin_service.h"
#include "modules/scim/filter.h"
#include "modules/scim/tokens.h"
#include "store/database.h"

namespace agora::scim {

inline constexpr const char* kProvider = "scim";
inline constexpr std::string_view kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";

struct ListResult {
  std::vector<boost::json::object> resources;
  size_t total = 0;
};

class ScimUsers {
 public:
  ScimUsers(agora::store::Database& db, IdGenerator& ids, const Clock& clock, identity::AdminService& admin,
            bus::Bus* bus = nullptr)
      : db_(db), ids_(ids), clock_(clock), admin_(admin), bus_(bus) {}
  void SetBaseUrl(std::string base) { base_url_ = std::move(base); }

  // startIndex is 1-based (RFC 7644 3.4.2.4); count at most kMaxCount.
  Result<ListResult> List(const FilterNode* filter, size_t start_index, size_t count);
  Result<boost::json::object> Get(Id id);
  Result<boost::json::object> Create(const boost::json::object& resource, const TokenInfo& token);
  Result<boost::json::object> Replace(Id id, const boost::json::object& resource, const TokenInfo& token);
  Result<boost::json::object> Patch(Id id, const boost::json::object& patch, const TokenInfo& token);
  Status Delete(Id id, const TokenInfo& token);

  static constexpr size_t kMaxCount = 200;

 private:
  std::optional<boost::json::object> Load(agora::store::Connection& c, Id id);
  Result<boost::json::object> Save(std::optional<Id> id, const boost::json::object& resource, const TokenInfo& token);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  identity::AdminService& admin_;
  bus::Bus* bus_;
  std::string base_url_;
};

// Applies a PatchOp message to a resource's JSON (exposed for tests).
Status ApplyPatch(boost::json::object& resource, const boost::json::object& patch);

}  // namespace agora::scim
