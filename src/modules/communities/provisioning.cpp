// Communities whose members follow an identity provider's group (service.h, "Provisioning").
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/communities/service.h"
#include "modules/communities/store.h"
#include "modules/identity/store.h"

namespace agora::communities {
namespace {

using agora::store::Connection;

void AuditBy(Connection& c, IdGenerator& ids, const char* action, Id community, std::optional<Id> person,
             const std::string& by, std::int64_t now) {
  boost::json::object detail{{"by", by}};
  if (person) detail["person_id"] = IdToString(*person);
  audit::Record(c, {ids.Next(), std::nullopt, action, "community", community, boost::json::serialize(detail), "", now});
}

// A free handle from a group's name: its ASCII letters and digits ("Team Nord 2" ->
// "team-nord-2"), else "group", then -2, -3... until free.
std::string HandleFor(Connection& c, std::string_view name) {
  std::string base;
  for (unsigned char ch : name) {
    if (std::isalnum(ch)) base += static_cast<char>(std::tolower(ch));
    else if (!base.empty() && base.back() != '-') base += '-';
    if (base.size() >= 32) break;
  }
  while (!base.empty() && base.back() == '-') base.pop_back();
  if (base.size() < 3 || text::ReadsAsId(base)) base = "group" + (base.empty() ? "" : "-" + base);
  std::string handle = base;
  for (int n = 2; store::HandleTaken(c, handle); ++n) handle = base + "-" + std::to_string(n);
  return handle;
}

}  // namespace

Result<Community> CommunityService::CreateProvisioned(Id owner, std::string_view raw_name, const std::string& by) {
  std::string name(text::Trim(raw_name));
  if (name.empty() || text::CodePoints(name) > kMaxName || text::HasControlCharacters(name) || !text::IsValidUtf8(name))
    return Error::Invalid("displayName", "a group's name is 1 to 100 characters of text");
  const std::int64_t now = clock_.NowMs();
  Community x;
  x.id = ids_.Next();
  x.name = name;
  x.type = Type::kRestricted;  // members come from the provider, not from joining
  x.listed = true;
  x.allow_guests = true;  // a partner the organization put into the group belongs there
  x.created_by = owner;
  x.created_at = x.updated_at = now;
  auto st = db_.Write([&](Connection& c) -> Status {
    if (!identity::store::FindUserById(c, owner)) return Error::Conflict("the admin who made the SCIM token is gone; make a new token");
    x.handle = HandleFor(c, name);
    store::Insert(c, x);
    store::PutMembership(c, {x.id, owner, Role::kOwner, State::kActive, false, std::nullopt, now, now});
    AuditBy(c, ids_, "community.provision", x.id, std::nullopt, by, now);
    return OkStatus();
  });
  if (!st) return st.error();
  Changed(owner);
  return x;
}

Status CommunityService::RenameProvisioned(Id community, std::string_view raw_name, const std::string& by) {
  std::string name(text::Trim(raw_name));
  if (name.empty() || text::CodePoints(name) > kMaxName || text::HasControlCharacters(name) || !text::IsValidUtf8(name))
    return Error::Invalid("displayName", "a group's name is 1 to 100 characters of text");
  return db_.Write([&](Connection& c) -> Status {
    auto x = store::Load(c, community);
    if (!x) return Error::NotFound("no such group");
    if (x->name == name) return OkStatus();
    x->name = name;
    x->updated_at = clock_.NowMs();
    store::Update(c, *x);
    AuditBy(c, ids_, "community.provision_rename", community, std::nullopt, by, x->updated_at);
    return OkStatus();
  });
}

Status CommunityService::SetProvisionedMembers(Id community, const std::vector<Id>& add, const std::vector<Id>& remove,
                                               const std::string& by) {
  std::vector<Id> changed;
  auto st = db_.Write([&](Connection& c) -> Status {
    changed.clear();
    auto x = store::Load(c, community);
    if (!x) return Error::NotFound("no such group");
    const std::int64_t now = clock_.NowMs();
    for (Id person : add) {
      auto account = identity::store::FindUserById(c, person);
      if (!account || !account->user.active) continue;
      // Alumni keep only alumni communities; guests the provider put in the group are welcome.
      if (account->user.role == identity::Role::kAlumnus) continue;
      auto m = store::MembershipOf(c, community, person);
      if (m && m->active()) continue;
      Membership next = m.value_or(Membership{community, person, Role::kMember, State::kActive, false, std::nullopt, now, now});
      next.state = State::kActive;  // a ban or a pending request gives way to the organization's group
      next.updated_at = now;
      store::PutMembership(c, next);
      AuditBy(c, ids_, "community.provision_add", community, person, by, now);
      changed.push_back(person);
    }
    for (Id person : remove) {
      auto m = store::MembershipOf(c, community, person);
      if (!m || m->role != Role::kMember) continue;  // owners and moderators are not the group's
      store::DeleteMembership(c, community, person);
      AuditBy(c, ids_, "community.provision_remove", community, person, by, now);
      changed.push_back(person);
    }
    return OkStatus();
  });
  if (st)
    for (Id person : changed) Changed(person);
  return st;
}

std::vector<Id> CommunityService::ActiveMembers(Id community) {
  return db_.Read([&](Connection& c) {
    std::vector<Id> out;
    Id after = 0;
    for (;;) {
      auto page = store::Members(c, community, State::kActive, after, 1000);
      for (const auto& m : page) out.push_back(m.person_id);
      if (page.size() < 1000) break;
      after = page.back().person_id;
    }
    std::sort(out.begin(), out.end());
    return out;
  });
}

}  // namespace agora::communities
