#include "modules/communities/store.h"

namespace agora::communities::store {
namespace {

constexpr const char* kColumns =
    "co.id, co.handle, co.name, co.description, co.description_html, co.type, co.listed, co.allow_guests, co.alumni,"
    " co.member_count, co.created_by, co.created_at, co.updated_at, coalesce(co.avatar_key, ''), coalesce(co.banner_key, '')";

Community Row(Connection& c, agora::store::Query& q) {
  Community x;
  x.id = q.Int(0);
  x.handle = q.Text(1);
  x.name = q.Text(2);
  x.description = q.Text(3);
  x.description_html = q.Text(4);
  x.type = ParseType(q.TextView(5)).value_or(Type::kRestricted);
  x.listed = q.Int(6) != 0;
  x.allow_guests = q.Int(7) != 0;
  x.alumni = q.Int(8) != 0;
  x.member_count = q.Int(9);
  x.created_by = q.Int(10);
  x.created_at = q.Int(11);
  x.updated_at = q.Int(12);
  x.avatar_key = q.Text(13);
  x.banner_key = q.Text(14);
  for (auto t = c.Prepare("SELECT tag FROM community_tags WHERE community_id = ?1 ORDER BY tag", x.id); t.Next();)
    x.tags.push_back(t.Text(0));
  return x;
}

Membership MemberRow(agora::store::Query& q) {
  Membership m;
  m.community_id = q.Int(0);
  m.person_id = q.Int(1);
  m.role = ParseRole(q.TextView(2)).value_or(Role::kMember);
  m.state = ParseState(q.TextView(3)).value_or(State::kBanned);
  m.muted = q.Int(4) != 0;
  if (!q.IsNull(5)) m.invited_by = q.Int(5);
  m.created_at = q.Int(6);
  m.updated_at = q.Int(7);
  return m;
}

constexpr const char* kMemberColumns = "community_id, person_id, role, state, muted, invited_by, created_at, updated_at";

}  // namespace


void BindViewer(agora::store::Query& q, const content::Viewer& viewer) {
  q.Bind(901, viewer.id).Bind(902, viewer.in_organization()).Bind(904, viewer.signed_in() && viewer.role == identity::Role::kAlumnus);
}

void Insert(Connection& c, const Community& x) {
  c.Prepare("INSERT INTO communities (id, handle, name, description, description_html, type, listed, allow_guests, alumni,"
            " member_count, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11, ?12)",
            x.id, x.handle, x.name, x.description, x.description_html, TypeName(x.type), x.listed, x.allow_guests, x.alumni,
            x.created_by, x.created_at, x.updated_at)
      .Run();
  SetTags(c, x.id, x.tags);
}

void Update(Connection& c, const Community& x) {
  c.Prepare("UPDATE communities SET handle = ?2, name = ?3, description = ?4, description_html = ?5, type = ?6, listed = ?7,"
            " allow_guests = ?8, alumni = ?9, updated_at = ?10 WHERE id = ?1",
            x.id, x.handle, x.name, x.description, x.description_html, TypeName(x.type), x.listed, x.allow_guests, x.alumni,
            x.updated_at)
      .Run();
  SetTags(c, x.id, x.tags);
}

std::optional<Community> Load(Connection& c, Id id) {
  auto q = c.Prepare(std::string("SELECT ") + kColumns + " FROM communities co WHERE co.id = ?1", id);
  if (!q.Next()) return std::nullopt;
  return Row(c, q);
}

std::optional<Community> LoadByHandle(Connection& c, std::string_view handle) {
  auto q = c.Prepare(std::string("SELECT ") + kColumns + " FROM communities co WHERE co.handle = ?1", handle);
  if (!q.Next()) return std::nullopt;
  return Row(c, q);
}

bool VisibleTo(const Community& x, const std::optional<Membership>& mine, const content::Viewer& viewer) {
  if (mine && mine->state != State::kBanned) return true;
  if (x.secret()) return false;
  if (viewer.in_organization()) return true;
  return viewer.signed_in() && viewer.role == identity::Role::kAlumnus && x.alumni;
}

Result<Found> FindVisible(Connection& c, const content::Viewer& viewer, std::string_view key) {
  std::optional<Community> x;
  if (auto id = ParseId(key)) x = Load(c, *id);
  if (!x) x = LoadByHandle(c, key);
  if (!x) return Error::NotFound("no such community");
  auto mine = viewer.signed_in() ? MembershipOf(c, x->id, viewer.id) : std::nullopt;
  if (!VisibleTo(*x, mine, viewer)) return Error::NotFound("no such community");
  return Found{std::move(*x), std::move(mine)};
}

bool HandleTaken(Connection& c, std::string_view handle) {
  return c.Prepare("SELECT 1 FROM communities WHERE handle = ?1", handle).Next();
}

void SetTags(Connection& c, Id community, const std::vector<std::string>& tags) {
  c.Prepare("DELETE FROM community_tags WHERE community_id = ?1", community).Run();
  for (const auto& t : tags) c.Prepare("INSERT INTO community_tags (community_id, tag) VALUES (?1, ?2) ON CONFLICT DO NOTHING", community, t).Run();
}

std::optional<Membership> MembershipOf(Connection& c, Id community, Id person) {
  auto q = c.Prepare(std::string("SELECT ") + kMemberColumns +
                         " FROM community_members WHERE community_id = ?1 AND person_id = ?2",
                     community, person);
  if (!q.Next()) return std::nullopt;
  return MemberRow(q);
}

void PutMembership(Connection& c, const Membership& m) {
  auto before = MembershipOf(c, m.community_id, m.person_id);
  c.Prepare("INSERT INTO community_members (community_id, person_id, role, state, muted, invited_by, created_at, updated_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (community_id, person_id) DO UPDATE SET role = ?3,"
            " state = ?4, muted = ?5, invited_by = ?6, updated_at = ?8",
            m.community_id, m.person_id, RoleName(m.role), StateName(m.state), m.muted, m.invited_by, m.created_at,
            m.updated_at)
      .Run();
  const int delta = (m.active() ? 1 : 0) - (before && before->active() ? 1 : 0);
  if (delta != 0)
    c.Prepare("UPDATE communities SET member_count = member_count + ?2 WHERE id = ?1", m.community_id, delta).Run();
}

void DeleteMembership(Connection& c, Id community, Id person) {
  auto before = MembershipOf(c, community, person);
  if (!before) return;
  c.Prepare("DELETE FROM community_members WHERE community_id = ?1 AND person_id = ?2", community, person).Run();
  if (before->active()) c.Prepare("UPDATE communities SET member_count = member_count - 1 WHERE id = ?1", community).Run();
}

int ActiveOwners(Connection& c, Id community) {
  auto q = c.Prepare("SELECT count(*) FROM community_members WHERE community_id = ?1 AND state = 'active' AND role = 'owner'",
                     community);
  return q.Next() ? static_cast<int>(q.Int(0)) : 0;
}

std::int64_t ContentSince(Connection& c, Id community, const char* kind, Id since_id) {
  auto q = c.Prepare("SELECT count(*) FROM content WHERE container_id = ?1 AND id >= ?2 AND kind = ?3", community, since_id,
                     kind);
  return q.Next() ? q.Int(0) : 0;
}

std::vector<Membership> NewestMembers(Connection& c, Id community, int limit) {
  std::vector<Membership> out;
  auto q = c.Prepare(std::string("SELECT ") + kMemberColumns +
                         " FROM community_members WHERE community_id = ?1 AND state = 'active'"
                         " ORDER BY created_at DESC, person_id DESC LIMIT ?2",
                     community, limit);
  while (q.Next()) out.push_back(MemberRow(q));
  return out;
}

std::vector<Id> Pins(Connection& c, Id community) {
  std::vector<Id> out;
  for (auto q = c.Prepare("SELECT content_id FROM community_pins WHERE community_id = ?1 ORDER BY pinned_at DESC", community);
       q.Next();)
    out.push_back(q.Int(0));
  return out;
}

bool Pin(Connection& c, Id community, Id content, Id by, std::int64_t now) {
  return c.Prepare("INSERT INTO community_pins (community_id, content_id, pinned_by, pinned_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                   community, content, by, now)
             .Run() > 0;
}

bool Unpin(Connection& c, Id community, Id content) {
  return c.Prepare("DELETE FROM community_pins WHERE community_id = ?1 AND content_id = ?2", community, content).Run() > 0;
}

std::vector<Id> Managers(Connection& c, Id community) {
  std::vector<Id> out;
  for (auto q = c.Prepare("SELECT person_id FROM community_members WHERE community_id = ?1 AND state = 'active'"
                          " AND role IN ('owner', 'moderator') ORDER BY person_id",
                          community);
       q.Next();)
    out.push_back(q.Int(0));
  return out;
}

std::vector<Membership> Members(Connection& c, Id community, State state, Id after, int limit, const std::string& words) {
  std::vector<Membership> out;
  // `words`: a name search in the directory's form (core/name_words.h), or empty for all.
  auto q = c.Prepare(std::string("SELECT ") + kMemberColumns +
                         " FROM community_members WHERE community_id = ?1 AND state = ?2 AND person_id > ?3"
                         " AND (?5 = '' OR EXISTS (SELECT 1 FROM users u WHERE u.id = person_id"
                         " AND agora_words_start_with(u.name_words, ?5)))"
                         " ORDER BY person_id LIMIT ?4",
                     community, StateName(state), after, limit, words);
  while (q.Next()) out.push_back(MemberRow(q));
  return out;
}

std::vector<Id> ActiveCommunitiesOf(Connection& c, Id person, bool include_muted) {
  std::vector<Id> out;
  auto q = c.Prepare("SELECT community_id FROM community_members WHERE person_id = ?1 AND state = 'active'"
                     " AND (?2 = 1 OR muted = 0) ORDER BY community_id",
                     person, include_muted);
  while (q.Next()) out.push_back(q.Int(0));
  return out;
}

std::vector<Community> MemberOf(Connection& c, const content::Viewer& viewer, Id person, const std::string& after_name,
                                Id after_id, int limit) {
  static const std::string sql = std::string("SELECT ") + kColumns +
                                 " FROM community_members pm JOIN communities co ON co.id = pm.community_id"
                                 " WHERE pm.person_id = ?4 AND pm.state = 'active' AND " + kVisibleToViewer +
                                 " AND (co.name COLLATE NOCASE, co.id) > (?1, ?2) ORDER BY co.name COLLATE NOCASE, co.id LIMIT ?3";
  auto q = c.Prepare(sql, after_name, after_id, limit, person);
  BindViewer(q, viewer);
  std::vector<Community> out;
  while (q.Next()) out.push_back(Row(c, q));
  return out;
}

std::vector<Community> Directory(Connection& c, const content::Viewer& viewer, const std::string& q, bool mine,
                                 const std::string& after_name, Id after_id, int limit) {
  std::string pattern = "%";
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
    pattern += ch;
  }
  pattern += '%';
  auto query = c.Prepare(
      std::string("SELECT ") + kColumns + " FROM communities co WHERE " + kVisibleToViewer +
          " AND (?4 = '' OR co.name LIKE ?5 ESCAPE '\\' OR co.handle LIKE ?5 ESCAPE '\\'"
          " OR EXISTS (SELECT 1 FROM community_tags t WHERE t.community_id = co.id AND t.tag = lower(?4)))"
          " AND (?6 = 0 OR EXISTS (SELECT 1 FROM community_members m WHERE m.community_id = co.id AND m.person_id = ?901"
          " AND m.state = 'active'))"
          " AND (co.name COLLATE NOCASE, co.id) > (?1, ?2) ORDER BY co.name COLLATE NOCASE, co.id LIMIT ?3",
      after_name, after_id, limit, q, pattern, mine);
  BindViewer(query, viewer);
  std::vector<Community> out;
  while (query.Next()) out.push_back(Row(c, query));
  return out;
}

std::vector<Community> Suggestions(Connection& c, const content::Viewer& viewer, int limit) {
  auto query = c.Prepare(
      std::string("SELECT ") + kColumns + " FROM communities co WHERE " + kVisibleToViewer +
          " AND co.type IN ('open', 'moderated') AND co.member_count > 0"
          " AND NOT EXISTS (SELECT 1 FROM community_members m WHERE m.community_id = co.id AND m.person_id = ?901)"
          " ORDER BY co.member_count DESC, co.id LIMIT ?1",
      limit);
  BindViewer(query, viewer);
  std::vector<Community> out;
  while (query.Next()) out.push_back(Row(c, query));
  return out;
}

}  // namespace agora::communities::store
