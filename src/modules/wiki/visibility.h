// Who sees a space and what they may do in it: the service, search and rendering ask here.
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"
#include "modules/wiki/model.h"
#include "store/database.h"

namespace agora::wiki {

// Its members; the organization an organization space; whoever reads a community's content
// its community's; nobody else a people space (it exists for nobody else).
bool Sees(agora::store::Connection& c, const content::Viewer& viewer, const Space& s, const std::optional<Role>& mine);
// Sees, with the viewer's role looked up: for a space already loaded (a page's, a listed one).
bool SeesSpace(agora::store::Connection& c, const content::Viewer& viewer, const Space& s);
// The space `key` names (a handle or an id) with what the viewer may do; 404 when they may
// not see it, whether it exists or not.
Result<SpaceView> FindVisibleSpace(agora::store::Connection& c, const content::Viewer& viewer, std::string_view key);
SpaceView ViewOf(agora::store::Connection& c, const content::Viewer& viewer, Space s);

}  // namespace agora::wiki
