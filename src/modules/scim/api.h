// Routes of SCIM 2.0 provisioning (/scim/v2: Users, ServiceProviderConfig, Schemas,
// ResourceTypes; a SCIM token in "Authorization: Bearer") and the admins' SCIM tokens
// (/api/v1/admin/scim-tokens).
#pragma once

#include "http/router.h"
#include "modules/scim/groups.h"
#include "modules/scim/tokens.h"
#include "modules/scim/users.h"

namespace agora::scim {

void RegisterApi(http::Router& router, ScimTokens& tokens, ScimUsers& users, ScimGroups& groups);

}  // namespace agora::scim
