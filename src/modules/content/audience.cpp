#include "modules/content/audience.h"

#include "modules/content/store.h"

namespace agora::content {

using identity::Role;

std::string_view AudienceName(Audience a) {
  switch (a) {
    case Audience::kPublic: return "public";
    case Audience::kOrganization: return "organization";
    case Audience::kCommunity: return "community";
    case Audience::kRestricted: return "restricted";
    case Audience::kPrivate: return "private";
  }
  return "private";
}

std::optional<Audience> ParseAudience(std::string_view s) {
  for (Audience a : {Audience::kPublic, Audience::kOrganization, Audience::kCommunity, Audience::kRestricted,
                     Audience::kPrivate})
    if (AudienceName(a) == s) return a;
  return std::nullopt;
}

Viewer ViewerOf(const identity::Principal* principal) {
  if (!principal) return {};
  return {principal->user.id, principal->user.role};
}

bool ReadsCommunity(agora::store::Connection& c, const Viewer& viewer, Id community_id) {
  if (!viewer.signed_in()) return false;
  return store::IsActiveMember(c, community_id, viewer.id) ||
         (viewer.in_organization() && store::IsOpenTo(c, community_id, viewer.id));
}

bool CanTakePart(agora::store::Connection& c, const Viewer& viewer, const ContentHead& head) {
  if (head.audience == Audience::kCommunity)
    return viewer.signed_in() && head.container_id && store::IsActiveMember(c, *head.container_id, viewer.id);
  return CanRead(c, viewer, head);
}

bool CanRead(agora::store::Connection& c, const Viewer& viewer, const ContentHead& head) {
  if (head.audience == Audience::kPublic) return true;
  if (head.audience == Audience::kCommunity) return head.container_id && ReadsCommunity(c, viewer, *head.container_id);
  if (!viewer.reads_beyond_public()) return false;
  if (head.author_id == viewer.id) return true;
  switch (head.audience) {
    case Audience::kOrganization: return viewer.in_organization();
    case Audience::kRestricted: return store::IsReader(c, head.id, viewer.id);
    default: return false;
  }
}

Result<ContentHead> LoadReadable(agora::store::Connection& c, const Viewer& viewer, Id id) {
  auto head = store::LoadHead(c, id);
  if (!head || !CanRead(c, viewer, *head)) return Error::NotFound("no such content");
  return *head;
}

void BindViewer(agora::store::Query& q, const Viewer& viewer) {
  q.Bind(901, viewer.id).Bind(902, viewer.in_organization()).Bind(903, viewer.reads_beyond_public());
}

}  // namespace agora::content
