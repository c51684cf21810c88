#include "modules/communities/service.h"

#include <algorithm>

#include "core/cursor.h"
#include "core/markdown.h"
#include "core/name_words.h"
#include "core/place_handle.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/communities/store.h"
#include "modules/content/body.h"
#include "modules/content/store.h"
#include "modules/notifications/writer.h"
#include "modules/people/policy.h"
#include "modules/people/store.h"

namespace agora::communities {
namespace {

using agora::store::Connection;

Result<std::string> CheckName(std::string_view raw) {
  if (!text::IsValidUtf8(raw)) return Error::Invalid("name", "must be valid UTF-8");
  auto name = std::string(text::Trim(raw));
  if (name.empty()) return Error::Invalid("name", "a name is 1 to 100 characters of text").Because("required");
  if (text::CodePoints(name) > CommunityService::kMaxName)
    return Error::Invalid("name", "a name is 1 to 100 characters of text").Because("too_long", CommunityService::kMaxName);
  if (text::HasControlCharacters(name)) return Error::Invalid("name", "a name is 1 to 100 characters of text");
  return name;
}

Result<std::vector<std::string>> CheckTags(const std::vector<std::string>& raw) {
  if (raw.size() > CommunityService::kMaxTags) return Error::TooMany("tags", static_cast<std::int64_t>(CommunityService::kMaxTags), "tags");
  std::vector<std::string> out;
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string_view t = raw[i];
    if (!t.empty() && t.front() == '#') t.remove_prefix(1);
    auto tag = markdown::NormalizeTag(t);
    if (tag.empty()) return Error::Invalid("tags[" + std::to_string(i) + "]", "a tag is 1 to 50 letters, digits, _ or -");
    if (std::find(out.begin(), out.end(), tag) == out.end()) out.push_back(tag);
  }
  return out;
}

// A restricted community may be secret; the others are always listed.
Status CheckShape(const Community& x) {
  if (x.type != Type::kRestricted && !x.listed) return Error::Invalid("listed", "only a restricted community can be secret");
  return OkStatus();
}

void Audit(Connection& c, IdGenerator& ids, Id actor, const char* action, Id community, std::optional<Id> person,
           std::int64_t now) {
  std::string detail = person ? "{\"person_id\":\"" + IdToString(*person) + "\"}" : "{}";
  audit::Record(c, {ids.Next(), actor, action, "community", community, detail, "", now});
}

// Whether a person of `role` may belong to `x` at all.
bool Admits(const Community& x, identity::Role role) {
  switch (role) {
    case identity::Role::kGuest: return x.allow_guests;
    case identity::Role::kAlumnus: return x.alumni;
    default: return true;
  }
}

content::Viewer AsViewer(const identity::Principal& p) { return {p.user.id, p.user.role}; }

void Tell(Connection& c, IdGenerator& ids, notifications::Kind kind, Id recipient, Id actor, Id community,
          std::int64_t now, std::vector<Id>& notified) {
  notifications::Event e{kind, recipient, actor};
  e.community_id = community;
  if (notifications::Notify(c, ids, e, now)) notified.push_back(recipient);
}

}  // namespace

void CommunityService::Notified(Id actor, std::vector<Id> people) {
  if (bus_ && !people.empty()) bus_->Publish({.kind = bus::Event::Kind::kNotified, .actor = actor, .people = std::move(people)});
}

Result<CommunityView> CommunityService::Create(const identity::Principal& who, const NewCommunity& in) {
  if (who.user.role == identity::Role::kGuest || who.user.role == identity::Role::kAlumnus)
    return Error::Forbidden("guests and alumni cannot create communities");
  Community x;
  auto name = CheckName(in.name);
  if (!name) return name.error();
  auto handle = text::CheckPlaceHandle(in.handle);
  if (!handle) return handle.error();
  auto description = content::CheckBody(in.description, "description", kMaxDescription, /*may_be_empty=*/true);
  if (!description) return description.error();
  auto tags = CheckTags(in.tags);
  if (!tags) return tags.error();
  x.name = *name;
  x.handle = *handle;
  x.description = *description;
  x.type = in.type;
  x.listed = in.listed;
  x.allow_guests = in.allow_guests;
  x.alumni = in.alumni;
  x.tags = *tags;
  if (auto st = CheckShape(x); !st) return st.error();
  const std::int64_t now = clock_.NowMs();
  x.id = ids_.Next();
  x.created_by = who.user.id;
  x.created_at = x.updated_at = now;
  Membership owner;
  owner.community_id = x.id;
  owner.person_id = who.user.id;
  owner.role = Role::kOwner;
  owner.state = State::kActive;
  owner.created_at = owner.updated_at = now;
  auto st = db_.Write([&](Connection& c) -> Status {
    if (store::HandleTaken(c, x.handle)) return Error::Taken("handle");
    x.description_html = content::RenderBody(c, x.description).html;
    store::Insert(c, x);
    store::PutMembership(c, owner);
    Audit(c, ids_, who.user.id, "community.create", x.id, std::nullopt, now);
    return OkStatus();
  });
  if (!st) return st.error();
  Changed(who.user.id);
  return Get(AsViewer(who), IdToString(x.id));
}

Result<CommunityView> CommunityService::Get(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<CommunityView> {
    auto r = store::FindVisible(c, viewer, key);
    if (!r) return r.error();
    return CommunityView{std::move(r->community), std::move(r->mine)};
  });
}

Result<CommunityView> CommunityService::Update(const identity::Principal& who, std::string_view key,
                                               const CommunityChange& ch) {
  const std::int64_t now = clock_.NowMs();
  Id id = 0;
  auto st = db_.Write([&](Connection& c) -> Status {
    auto r = store::FindVisible(c, AsViewer(who), key);
    if (!r) return r.error();
    auto& x = r->community;
    id = x.id;
    const bool owner = r->mine && r->mine->active() && r->mine->role == Role::kOwner;
    if (!r->mine || !r->mine->manages()) return Error::Forbidden("only its owners and moderators change a community");
    if (!owner && (ch.name || ch.handle || ch.type || ch.listed || ch.allow_guests || ch.alumni))
      return Error::Forbidden("only owners change the name, handle, type and who may join");
    if (ch.name) {
      auto v = CheckName(*ch.name);
      if (!v) return v.error();
      x.name = *v;
    }
    if (ch.handle) {
      auto v = text::CheckPlaceHandle(*ch.handle);
      if (!v) return v.error();
      if (*v != x.handle && store::HandleTaken(c, *v)) return Error::Taken("handle");
      x.handle = *v;
    }
    if (ch.description) {
      auto v = content::CheckBody(*ch.description, "description", kMaxDescription, true);
      if (!v) return v.error();
      x.description = *v;
      x.description_html = content::RenderBody(c, x.description).html;
    }
    if (ch.tags) {
      auto v = CheckTags(*ch.tags);
      if (!v) return v.error();
      x.tags = *v;
    }
    if (ch.type) x.type = *ch.type;
    if (ch.listed) x.listed = *ch.listed;
    if (ch.allow_guests) x.allow_guests = *ch.allow_guests;
    if (ch.alumni) x.alumni = *ch.alumni;
    if (ch.type && *ch.type != Type::kRestricted && !ch.listed) x.listed = true;
    if (auto shape = CheckShape(x); !shape) return shape.error();
    x.updated_at = now;
    store::Update(c, x);
    Audit(c, ids_, who.user.id, "community.update", x.id, std::nullopt, now);
    return OkStatus();
  });
  if (!st) return st.error();
  return Get(AsViewer(who), IdToString(id));
}

namespace {

// Lists of communities are by name: the cursor is the last one's name and id.
Result<Cursor> NameCursor(std::string_view cursor) {
  if (cursor.empty()) return Cursor{};
  return DecodeCursor(cursor);
}

// A page of `limit` from `rows` (up to limit + 1 read), each with the viewer's membership.
DirectoryPage ToPage(Connection& c, const content::Viewer& viewer, std::vector<Community> rows, int limit) {
  DirectoryPage page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.pop_back();
    page.next_cursor = EncodeCursor({rows.back().name, rows.back().id});
  }
  for (auto& x : rows) {
    auto m = viewer.signed_in() ? store::MembershipOf(c, x.id, viewer.id) : std::nullopt;
    page.items.push_back({std::move(x), std::move(m)});
  }
  return page;
}

}  // namespace

Result<DirectoryPage> CommunityService::Directory(const content::Viewer& viewer, const std::string& q, bool mine,
                                                  std::string_view cursor, int limit) {
  auto after = NameCursor(cursor);
  if (!after) return after.error();
  if (q.size() > 100) return Error::Invalid("q", "at most 100 characters");
  return db_.Read([&](Connection& c) -> Result<DirectoryPage> {
    return ToPage(c, viewer, store::Directory(c, viewer, q, mine, after->key, after->id, limit + 1), limit);
  });
}

std::vector<CommunityView> CommunityService::Suggestions(const content::Viewer& viewer, int limit) {
  if (!viewer.in_organization()) return {};
  return db_.Read([&](Connection& c) {
    std::vector<CommunityView> out;
    for (auto& x : store::Suggestions(c, viewer, limit)) out.push_back({std::move(x), std::nullopt});
    return out;
  });
}

Result<DirectoryPage> CommunityService::MemberOf(const identity::Principal& viewer, Id person, std::string_view cursor,
                                                 int limit) {
  auto after = NameCursor(cursor);
  if (!after) return after.error();
  return db_.Read([&](Connection& c) -> Result<DirectoryPage> {
    auto subject = people::store::LoadSubject(c, person, "");
    if (!subject || !people::SeesProfile(c, viewer, subject->account)) return Error::NotFound("no such person");
    const content::Viewer me = AsViewer(viewer);
    return ToPage(c, me, store::MemberOf(c, me, person, after->key, after->id, limit + 1), limit);
  });
}

Result<CommunityView> CommunityService::Join(const identity::Principal& who, std::string_view key) {
  const std::int64_t now = clock_.NowMs();
  Id id = 0;
  bool became_member = false;
  std::vector<Id> notified;
  auto st = db_.Write([&](Connection& c) -> Status {
    auto r = store::FindVisible(c, AsViewer(who), key);
    if (!r) return r.error();
    const auto& x = r->community;
    id = x.id;
    if (r->mine && r->mine->state == State::kBanned) return Error::Forbidden("you were banned from this community");
    if (r->mine && (r->mine->active() || r->mine->state == State::kPending)) return OkStatus();  // nothing to do
    if (!Admits(x, who.user.role)) return Error::Forbidden("this community does not admit your role");
    Membership m = r->mine.value_or(Membership{});
    m.community_id = x.id;
    m.person_id = who.user.id;
    if (!r->mine) {
      m.role = Role::kMember;
      m.created_at = now;
    }
    m.updated_at = now;
    const char* action = "community.join";
    if (r->mine && r->mine->state == State::kInvited) {
      m.state = State::kActive;  // accepting the invitation
      action = "community.accept";
    } else if (x.type == Type::kOpen) {
      m.state = State::kActive;
    } else if (x.type == Type::kModerated) {
      m.state = State::kPending;
      action = "community.request";
    } else {
      return Error::Forbidden("this community is by invitation only");
    }
    became_member = m.active();
    store::PutMembership(c, m);
    Audit(c, ids_, who.user.id, action, x.id, who.user.id, now);
    if (m.state == State::kPending)
      for (Id manager : store::Managers(c, x.id))
        Tell(c, ids_, notifications::Kind::kCommunityRequest, manager, who.user.id, x.id, now, notified);
    return OkStatus();
  });
  if (!st) return st.error();
  if (became_member) Changed(who.user.id);
  Notified(who.user.id, std::move(notified));
  return Get(AsViewer(who), IdToString(id));
}

Status CommunityService::Leave(const identity::Principal& who, std::string_view key) {
  const std::int64_t now = clock_.NowMs();
  auto st = db_.Write([&](Connection& c) -> Status {
    auto r = store::FindVisible(c, AsViewer(who), key);
    if (!r) return r.error();
    if (!r->mine || r->mine->state == State::kBanned) return Error::NotFound("you are not a member");
    if (r->mine->active() && r->mine->role == Role::kOwner && store::ActiveOwners(c, r->community.id) <= 1)
      return Error::Conflict("you are its last owner: make someone else an owner first");
    store::DeleteMembership(c, r->community.id, who.user.id);
    Audit(c, ids_, who.user.id, "community.leave", r->community.id, who.user.id, now);
    return OkStatus();
  });
  if (st) Changed(who.user.id);
  return st;
}

Result<Membership> CommunityService::Invite(const identity::Principal& who, std::string_view key, Id person) {
  const std::int64_t now = clock_.NowMs();
  std::vector<Id> notified;
  auto result = db_.Write([&](Connection& c) -> Result<Membership> {
    auto r = store::FindVisible(c, AsViewer(who), key);
    if (!r) return r.error();
    if (!r->mine || !r->mine->manages()) return Error::Forbidden("only its owners and moderators invite people");
    auto subject = people::store::LoadSubject(c, person, "");
    if (!subject || !subject->account.active) return Error::Invalid("person_id", "no such person");
    if (!Admits(r->community, subject->account.role))
      return Error::Invalid("person_id", "this community does not admit their role (guests: allow guests; alumni: an alumni community)");
    auto existing = store::MembershipOf(c, r->community.id, person);
    if (existing && existing->active()) return Error::Conflict("they are a member already", "person_id");
    if (existing && existing->state == State::kBanned) return Error::Conflict("they were banned; remove the ban first", "person_id");
    Membership m = existing.value_or(Membership{});
    m.community_id = r->community.id;
    m.person_id = person;
    m.role = Role::kMember;
    // Someone who asked to join and is invited is simply let in.
    m.state = existing && existing->state == State::kPending ? State::kActive : State::kInvited;
    m.invited_by = who.user.id;
    if (!existing) m.created_at = now;
    m.updated_at = now;
    store::PutMembership(c, m);
    Audit(c, ids_, who.user.id, m.active() ? "community.approve" : "community.invite", r->community.id, person, now);
    Tell(c, ids_, m.active() ? notifications::Kind::kCommunityAccepted : notifications::Kind::kCommunityInvite, person,
         who.user.id, r->community.id, now, notified);
    return m;
  });
  if (result && result->active()) Changed(person);
  if (result) Notified(who.user.id, std::move(notified));
  return result;
}

Result<MemberPage> CommunityService::Members(const content::Viewer& viewer, std::string_view key, State state,
                                             std::string_view cursor, int limit, std::string_view q) {
  if (q.size() > 200 || !text::IsValidUtf8(q)) return Error::Invalid("q", "q must be text of at most 200 bytes");
  const std::string words = text::Trim(q).empty() ? std::string() : text::SearchableQuery(q);
  Id after = 0;
  if (!cursor.empty()) {
    auto decoded = DecodeCursor(cursor);
    if (!decoded) return decoded.error();
    after = decoded->id;
  }
  return db_.Read([&](Connection& c) -> Result<MemberPage> {
    auto r = store::FindVisible(c, viewer, key);
    if (!r) return r.error();
    if (state != State::kActive && (!r->mine || !r->mine->manages()))
      return Error::Forbidden("only its owners and moderators see requests, invitations and bans");
    MemberPage page;
    page.items = store::Members(c, r->community.id, state, after, limit + 1, words);
    if (static_cast<int>(page.items.size()) > limit) {
      page.items.pop_back();
      page.next_cursor = EncodeCursor({"", page.items.back().person_id});
    }
    return page;
  });
}

Result<Membership> CommunityService::ChangeMember(const identity::Principal& who, std::string_view key, Id person,
                                                  std::optional<Role> role, std::optional<State> state) {
  const std::int64_t now = clock_.NowMs();
  bool activated = false;
  std::vector<Id> notified;
  auto result = db_.Write([&](Connection& c) -> Result<Membership> {
    auto r = store::FindVisible(c, AsViewer(who), key);
    if (!r) return r.error();
    if (!r->mine || !r->mine->manages()) return Error::Forbidden("only its owners and moderators manage members");
    auto m = store::MembershipOf(c, r->community.id, person);
    if (!m || m->state == State::kBanned) return Error::NotFound("no such member");
    if (state) {
      if (*state != State::kActive || m->state != State::kPending)
        return Error::Invalid("state", "only a pending request can be approved (state: active)");
      m->state = State::kActive;
      activated = true;
      Audit(c, ids_, who.user.id, "community.approve", r->community.id, person, now);
      Tell(c, ids_, notifications::Kind::kCommunityAccepted, person, who.user.id, r->community.id, now, notified);
    }
    if (role && *role != m->role) {
      if (r->mine->role != Role::kOwner) return Error::Forbidden("only owners change roles");
      if (!m->active()) return Error::Invalid("role", "only members have roles");
      if (m->role == Role::kOwner && store::ActiveOwners(c, r->community.id) <= 1)
        return Error::Conflict("the last owner stays an owner: make someone else an owner first", "role");
      m->role = *role;
      Audit(c, ids_, who.user.id, "community.set_role", r->community.id, person, now);
    }
    m->updated_at = now;
    store::PutMembership(c, *m);
    return *m;
  });
  if (result && activated) Changed(person);
  if (result) Notified(who.user.id, std::move(notified));
  return result;
}

Status CommunityService::RemoveMember(const identity::Principal& who, std::string_view key, Id person, bool ban) {
  const std::int64_t now = clock_.NowMs();
  auto st = db_.Write([&](Connection& c) -> Status {
    auto r = store::FindVisible(c, AsViewer(who), key);
    if (!r) return r.error();
    if (!r->mine || !r->mine->manages()) return Error::Forbidden("only its owners and moderators remove members");
    auto m = store::MembershipOf(c, r->community.id, person);
    if (!m && !ban) return Error::NotFound("no such member");
    if (!m && !people::store::LoadSubject(c, person, "")) return Error::NotFound("no such person");
    if (m && m->active() && m->role != Role::kMember && r->mine->role != Role::kOwner)
      return Error::Forbidden("only owners remove owners and moderators");
    if (m && m->active() && m->role == Role::kOwner && store::ActiveOwners(c, r->community.id) <= 1)
      return Error::Conflict("the last owner cannot be removed");
    if (ban) {
      Membership b = m.value_or(Membership{});
      b.community_id = r->community.id;
      b.person_id = person;
      b.role = Role::kMember;
      b.state = State::kBanned;
      if (!m) b.created_at = now;
      b.updated_at = now;
      store::PutMembership(c, b);
    } else {
      store::DeleteMembership(c, r->community.id, person);
    }
    Audit(c, ids_, who.user.id, ban ? "community.ban" : "community.remove", r->community.id, person, now);
    return OkStatus();
  });
  if (st) Changed(person);
  return st;
}

Result<Activity> CommunityService::ActivityOf(const content::Viewer& viewer, std::string_view key) {
  const std::int64_t since_ms = clock_.NowMs() - 30LL * 24 * 3600 * 1000;
  const Id since_id = std::max<std::int64_t>(0, since_ms - kIdEpochMs) << (kIdNodeBits + kIdSequenceBits);
  return db_.Read([&](Connection& c) -> Result<Activity> {
    auto r = store::FindVisible(c, viewer, key);
    if (!r) return r.error();
    Activity a;
    if (r->mine && r->mine->active()) {
      a.posts_30d = store::ContentSince(c, r->community.id, "post", since_id);
      a.topics_30d = store::ContentSince(c, r->community.id, "topic", since_id);
    }
    a.new_members = store::NewestMembers(c, r->community.id, 10);
    return a;
  });
}

Status CommunityService::SetPinned(const identity::Principal& who, std::string_view key, Id post, bool pinned) {
  const std::int64_t now = clock_.NowMs();
  return db_.Write([&](Connection& c) -> Status {
    auto r = store::FindVisible(c, AsViewer(who), key);
    if (!r) return r.error();
    if (!r->mine || !r->mine->manages()) return Error::Forbidden("only its owners and moderators pin posts");
    if (!pinned) {
      if (!store::Unpin(c, r->community.id, post)) return Error::NotFound("that post is not pinned");
    } else {
      auto head = content::store::LoadHead(c, post);
      if (!head || head->container_id != r->community.id) return Error::Invalid("post_id", "no such post in this community");
      if (store::Pins(c, r->community.id).size() >= kMaxPins)
        return Error::Conflict("at most 5 pinned posts: unpin one first");
      store::Pin(c, r->community.id, post, who.user.id, now);
    }
    Audit(c, ids_, who.user.id, pinned ? "community.pin" : "community.unpin", r->community.id, std::nullopt, now);
    return OkStatus();
  });
}

Result<std::vector<Id>> CommunityService::Pins(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<std::vector<Id>> {
    auto r = store::FindVisible(c, viewer, key);
    if (!r) return r.error();
    return store::Pins(c, r->community.id);
  });
}

Result<Membership> CommunityService::SetMuted(const identity::Principal& who, std::string_view key, bool muted) {
  auto result = db_.Write([&](Connection& c) -> Result<Membership> {
    auto r = store::FindVisible(c, AsViewer(who), key);
    if (!r) return r.error();
    if (!r->mine || !r->mine->active()) return Error::NotFound("you are not a member");
    r->mine->muted = muted;
    r->mine->updated_at = clock_.NowMs();
    store::PutMembership(c, *r->mine);
    return *r->mine;
  });
  if (result) Changed(who.user.id);
  return result;
}

}  // namespace agora::communities
