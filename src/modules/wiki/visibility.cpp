#include "modules/wiki/visibility.h"

#include "core/text.h"
#include "modules/content/audience.h"
#include "modules/content/store.h"
#include "modules/wiki/store.h"

namespace agora::wiki {

using agora::store::Connection;

bool Sees(Connection& c, const content::Viewer& viewer, const Space& s, const std::optional<Role>& mine) {
  if (mine) return viewer.reads_beyond_public() || s.kind() == SpaceKind::kCommunity;
  switch (s.audience) {
    case content::Audience::kOrganization: return viewer.in_organization();
    case content::Audience::kCommunity: return s.community_id && content::ReadsCommunity(c, viewer, *s.community_id);
    default: return false;
  }
}

bool SeesSpace(Connection& c, const content::Viewer& viewer, const Space& s) {
  return Sees(c, viewer, s, viewer.signed_in() ? store::RoleOf(c, s.id, viewer.id) : std::nullopt);
}

SpaceView ViewOf(Connection& c, const content::Viewer& viewer, Space s) {
  auto mine = viewer.signed_in() ? store::RoleOf(c, s.id, viewer.id) : std::nullopt;
  SpaceView v{std::move(s), mine};
  const Space& sp = v.space;
  const bool staff = v.mine == Role::kOwner || v.mine == Role::kEditor;
  // A community's owners and moderators look after its wiki as they do its other content.
  content::ContentHead as_page;
  as_page.audience = sp.audience;
  as_page.container_id = sp.community_id;
  as_page.author_id = sp.created_by;
  const bool moderates = sp.community_id && viewer.signed_in() && content::store::ModeratesContainer(c, as_page, viewer.id);
  bool takes_part = false;
  switch (sp.kind()) {
    case SpaceKind::kOrganization: takes_part = viewer.in_organization(); break;
    case SpaceKind::kCommunity: takes_part = viewer.signed_in() && content::store::IsActiveMember(c, *sp.community_id, viewer.id); break;
    case SpaceKind::kPeople: takes_part = v.mine.has_value() && viewer.reads_beyond_public(); break;
  }
  v.can_manage = staff || moderates;
  v.can_edit = v.can_manage || (sp.editing == Editing::kReaders && takes_part);
  return v;
}

Result<SpaceView> FindVisibleSpace(Connection& c, const content::Viewer& viewer, std::string_view key) {
  std::optional<Space> s = store::LoadSpaceByHandle(c, text::AsciiLower(key));
  if (!s)
    if (auto id = ParseId(key)) s = store::LoadSpace(c, *id);
  if (!s) return Error::NotFound("no such wiki space");
  auto mine = viewer.signed_in() ? store::RoleOf(c, s->id, viewer.id) : std::nullopt;
  if (!Sees(c, viewer, *s, mine)) return Error::NotFound("no such wiki space");
  return ViewOf(c, viewer, std::move(*s));
}

}  // namespace agora::wiki
