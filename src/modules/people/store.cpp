#include "modules/people/store.h"

#include <algorithm>
#include <charconv>
#include <map>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/collation.h"

namespace agora::people::store {
namespace {

// ReadProfile reads these (kProfileColumnCount of them).
// The profile's columns, with `FOLLOW_COUNTS` for its two follower counts: counting walks
// every follower (over 100,000 for the most followed), so a read that shows no counts (a
// search result, the search index's document) selects "0, 0" instead.
#define AGORA_PROFILE_COLUMNS_WITH(FOLLOW_COUNTS) \
  "u.id, u.email, u.handle, u.display_name, u.role, u.active, u.created_at, u.updated_at, u.deactivated_at," \
  " p.pronouns, p.title, p.department, p.office, p.country, p.timezone, p.bio, p.phone, p.phone_visibility," \
  " p.chat, p.chat_visibility, p.email_visibility, p.manager_id, " FOLLOW_COUNTS "," \
  " coalesce(p.languages, '[]'), coalesce(p.links, '[]'), coalesce(p.photo, '')"
#define AGORA_FOLLOW_COUNTS \
  "(SELECT count(*) FROM followers f WHERE f.followee_id = u.id), (SELECT count(*) FROM follows f WHERE f.follower_id = u.id)"
#define AGORA_PROFILE_COLUMNS AGORA_PROFILE_COLUMNS_WITH(AGORA_FOLLOW_COUNTS)
constexpr int kProfileColumnCount = 27;
constexpr const char* kLoadProfile =
    "SELECT " AGORA_PROFILE_COLUMNS " FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = ?";
// What the profile cache keeps, in one statement (a round trip on PostgreSQL): the profile,
// the manager's card and account, and the expertise tags with their endorsement counts as
// "tag/count,tag/count" (tags hold neither , nor /).
#define AGORA_PROFILE_PARTS(FOLLOW_COUNTS) \
    "SELECT " AGORA_PROFILE_COLUMNS_WITH(FOLLOW_COUNTS) "," \
    " m.id, m.handle, m.display_name, coalesce(mp.title, ''), coalesce(mp.department, ''), coalesce(mp.country, '')," \
    " m.role, coalesce(mp.photo, ''), m.email, m.active, m.created_at, m.updated_at, m.deactivated_at," \
    " (SELECT group_concat(e.tag || '/' || e.endorsements, ',') FROM expertise e WHERE e.user_id = u.id)" \
    " FROM users u LEFT JOIN profiles p ON p.user_id = u.id LEFT JOIN users m ON m.id = p.manager_id" \
    " LEFT JOIN profiles mp ON mp.user_id = m.id WHERE u.id = ?"
constexpr const char* kProfileParts = AGORA_PROFILE_PARTS(AGORA_FOLLOW_COUNTS);
constexpr const char* kProfilePartsUncounted = AGORA_PROFILE_PARTS("0, 0");
constexpr const char* kExpertiseOf = "SELECT tag FROM expertise WHERE user_id = ? ORDER BY tag";
constexpr const char* kIdByHandle = "SELECT id FROM users WHERE handle = ?";
constexpr const char* kIdByOldHandle = "SELECT user_id FROM handle_history WHERE handle = ?";
constexpr const char* kSetHandle = "UPDATE users SET handle = ?, updated_at = ? WHERE id = ?";
constexpr const char* kKeepOldHandle =
    "INSERT INTO handle_history (handle, user_id, changed_at) VALUES (?, ?, ?)"
    " ON CONFLICT (handle) DO UPDATE SET user_id = excluded.user_id, changed_at = excluded.changed_at";
constexpr const char* kReclaimHandle = "DELETE FROM handle_history WHERE handle = ? AND user_id = ?";
constexpr const char* kSaveProfile =
    "INSERT INTO profiles (user_id, pronouns, title, department, office, country, timezone, bio, phone,"
    " phone_visibility, chat, chat_visibility, email_visibility, manager_id, languages, links, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (user_id) DO UPDATE SET pronouns = excluded.pronouns, title = excluded.title,"
    " department = excluded.department, office = excluded.office, country = excluded.country,"
    " timezone = excluded.timezone, bio = excluded.bio, phone = excluded.phone,"
    " phone_visibility = excluded.phone_visibility, chat = excluded.chat, chat_visibility = excluded.chat_visibility,"
    " email_visibility = excluded.email_visibility, manager_id = excluded.manager_id,"
    " languages = excluded.languages, links = excluded.links, updated_at = excluded.updated_at";
constexpr const char* kDeleteExpertise = "DELETE FROM expertise WHERE user_id = ? AND tag = ?";
constexpr const char* kInsertExpertise = "INSERT INTO expertise (user_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr const char* kManagerOf = "SELECT manager_id FROM profiles WHERE user_id = ?";
constexpr const char* kSetManager =
    "INSERT INTO profiles (user_id, manager_id, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (user_id) DO UPDATE SET manager_id = excluded.manager_id, updated_at = excluded.updated_at";
constexpr const char* kPhotoKey = "SELECT photo FROM profiles WHERE user_id = ?";
#define AGORA_SUBJECT_COLUMNS \
  "u.id, u.email, u.handle, u.display_name, u.role, u.active, u.created_at, u.updated_at, u.deactivated_at," \
  " coalesce(p.updated_at, 0) FROM users u LEFT JOIN profiles p ON p.user_id = u.id"
constexpr const char* kSubjectById = "SELECT " AGORA_SUBJECT_COLUMNS " WHERE u.id = ?";
constexpr const char* kSubjectByHandle = "SELECT " AGORA_SUBJECT_COLUMNS " WHERE u.handle = ?";
// The same with whether the viewer follows them: one statement, one round trip on PostgreSQL.
// A profile read in one statement (one round trip on PostgreSQL): whether the viewer (?2)
// follows the person, the account and profile version, and one row per expertise tag the
// viewer endorsed (the account's columns repeated; e.tag NULL when there is none).
#define AGORA_VIEWED_SUBJECT \
  "SELECT CASE WHEN EXISTS (SELECT 1 FROM follows WHERE follower_id = ?2 AND followee_id = u.id) THEN 1 ELSE 0 END," \
  " e.tag, " AGORA_SUBJECT_COLUMNS \
  " LEFT JOIN expertise e ON e.user_id = u.id AND EXISTS" \
  " (SELECT 1 FROM endorsements d WHERE d.user_id = u.id AND d.tag = e.tag AND d.endorser_id = ?2)"
constexpr const char* kViewedSubjectById = AGORA_VIEWED_SUBJECT " WHERE u.id = ?1";
constexpr const char* kViewedSubjectByHandle = AGORA_VIEWED_SUBJECT " WHERE u.handle = ?1";
constexpr const char* kSetPhotoKey =
    "INSERT INTO profiles (user_id, photo, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (user_id) DO UPDATE SET photo = excluded.photo, updated_at = excluded.updated_at";
constexpr const char* kPhotoInUse = "SELECT 1 FROM profiles WHERE photo = ? LIMIT 1";
// A follow is a row in `follows` (by follower) and its mirror in `followers` (by followee),
// written together here and nowhere else (migration 0009 says why there are two tables).
constexpr const char* kFollow = "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
constexpr const char* kFollowMirror = "INSERT INTO followers (followee_id, follower_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
constexpr const char* kUnfollow = "DELETE FROM follows WHERE follower_id = ? AND followee_id = ?";
constexpr const char* kUnfollowMirror = "DELETE FROM followers WHERE followee_id = ? AND follower_id = ?";

// Cards: the same columns everywhere, and the list rule of policy.h as ?-parameters
// (include_inactive, include_guests) in every list query.
#define AGORA_CARD_COLUMNS \
  "u.id, u.handle, u.display_name, coalesce(p.title, ''), coalesce(p.department, ''), coalesce(p.country, ''), u.role," \
  " coalesce(p.photo, '')"
#define AGORA_LIST_RULE "(u.active = 1 OR ?2 = 1) AND (u.role != 'guest' OR ?3 = 1)"
constexpr const char* kCard =
    "SELECT " AGORA_CARD_COLUMNS " FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = ?";
constexpr const char* kFollowers =
    "SELECT " AGORA_CARD_COLUMNS " FROM followers f JOIN users u ON u.id = f.follower_id"
    " LEFT JOIN profiles p ON p.user_id = u.id WHERE f.followee_id = ?1 AND " AGORA_LIST_RULE
    " AND u.id > ?4 ORDER BY u.id LIMIT ?5";
constexpr const char* kFollowing =
    "SELECT " AGORA_CARD_COLUMNS " FROM follows f JOIN users u ON u.id = f.followee_id"
    " LEFT JOIN profiles p ON p.user_id = u.id WHERE f.follower_id = ?1 AND " AGORA_LIST_RULE
    " AND u.id > ?4 ORDER BY u.id LIMIT ?5";
constexpr const char* kReports =
    "SELECT " AGORA_CARD_COLUMNS " FROM profiles p JOIN users u ON u.id = p.user_id"
    " WHERE p.manager_id = ?1 AND " AGORA_LIST_RULE " ORDER BY u.display_name COLLATE agora_root, u.id LIMIT 1000";

// Two plans for a name search, chosen by how many names match (counted on the full-text
// index, about 0.1 ms): many matches are found early by walking the name index in order;
// few matches are cheaper to fetch from the full-text index and sort (the walk cost 70 ms
// when the few matches sorted last, e.g. Cyrillic names among Latin ones). The threshold was
// measured at 50,000 people (bench/people.sh suggestions): 300 -> 1,197 req/s, 800 -> 1,876,
// 1,200 -> 1,585, 2,000 -> 1,524, 5,000 -> 802.
constexpr const char* kDirectoryTemplate =
    "SELECT " AGORA_CARD_COLUMNS " FROM users u LEFT JOIN profiles p ON p.user_id = u.id"
    " WHERE " AGORA_LIST_RULE
    " AND (?1 = '' OR agora_words_start_with(u.name_words, ?1))"
    " AND (?4 = '' OR p.department = ?4) AND (?5 = '' OR p.country = ?5)"
    " AND (u.display_name > ?6 COLLATE {collation} OR (u.display_name = ?6 COLLATE {collation} AND u.id > ?7))"
    " ORDER BY u.display_name COLLATE {collation}, u.id LIMIT ?8";
constexpr const char* kCountMatches =
    "SELECT count(*) FROM (SELECT 1 FROM people_names WHERE people_names MATCH ?1 LIMIT ?2) AS m";
constexpr std::int64_t kFewMatches = 800;
constexpr const char* kDirectorySearchTemplate =
    "SELECT " AGORA_CARD_COLUMNS " FROM (SELECT rowid AS id FROM people_names WHERE people_names MATCH ?1) m"
    " CROSS JOIN users u ON u.id = m.id LEFT JOIN profiles p ON p.user_id = u.id"
    " WHERE " AGORA_LIST_RULE
    " AND (?4 = '' OR p.department = ?4) AND (?5 = '' OR p.country = ?5)"
    " AND (u.display_name > ?6 COLLATE {collation} OR (u.display_name = ?6 COLLATE {collation} AND u.id > ?7))"
    " ORDER BY u.display_name COLLATE {collation}, u.id LIMIT ?8";
// The two statements for one sort order: the collation is part of the SQL text (it picks
// the index), so each order has its own statements, built once.
struct DirectorySql {
  std::string browse, search;
};
const DirectorySql& DirectorySqlFor(std::string_view order) {
  static const auto by_order = [] {
    auto fill = [](std::string sql, const std::string& collation) {
      for (size_t at; (at = sql.find("{collation}")) != std::string::npos;) sql.replace(at, 11, collation);
      return sql;
    };
    std::map<std::string, DirectorySql, std::less<>> m;
    for (const auto& o : collation::kOrders) {
      auto name = collation::SqlName(o.name);
      m[std::string(o.name)] = {fill(kDirectoryTemplate, name), fill(kDirectorySearchTemplate, name)};
    }
    return m;
  }();
  auto it = by_order.find(order);
  return it != by_order.end() ? it->second : by_order.find(collation::kDefaultOrder)->second;
}
constexpr const char* kExperts =
    "SELECT " AGORA_CARD_COLUMNS ", e.endorsements FROM expertise e"
    " JOIN users u ON u.id = e.user_id LEFT JOIN profiles p ON p.user_id = u.id"
    " WHERE e.tag = ?1 AND " AGORA_LIST_RULE
    " AND (?4 < 0 OR e.endorsements < ?4 OR (e.endorsements = ?4 AND e.user_id > ?5))"
    " AND (?7 = '' OR p.department = ?7) AND (?8 = '' OR p.country = ?8)"
    " AND (?9 = '' OR u.id IN (SELECT rowid FROM people_names WHERE people_names MATCH ?9))"
    " ORDER BY e.endorsements DESC, e.user_id LIMIT ?6";
constexpr const char* kActiveMemberKeys = "SELECT id, email_key FROM users WHERE active = 1 AND role = 'member'";
constexpr const char* kHasExpertise = "SELECT 1 FROM expertise WHERE user_id = ? AND tag = ?";
constexpr const char* kEndorse =
    "INSERT INTO endorsements (user_id, tag, endorser_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";
constexpr const char* kUnendorse = "DELETE FROM endorsements WHERE user_id = ? AND tag = ? AND endorser_id = ?";
constexpr const char* kEndorsementsOf =
    "SELECT e.tag, count(d.endorser_id), coalesce(max(d.endorser_id = ?2), 0) FROM expertise e"
    " LEFT JOIN endorsements d ON d.user_id = e.user_id AND d.tag = e.tag"
    " WHERE e.user_id = ?1 GROUP BY e.tag ORDER BY count(d.endorser_id) DESC, e.tag";

constexpr int kCardColumnCount = 8;

// Languages and links are small lists read and written whole: JSON text in one column each.
std::string LanguagesJson(const std::vector<std::string>& languages) {
  boost::json::array a;
  for (const auto& l : languages) a.emplace_back(l);
  return boost::json::serialize(a);
}
std::vector<std::string> ParseLanguages(std::string_view text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (!ec && v.is_array())
    for (const auto& e : v.as_array())
      if (e.is_string()) out.emplace_back(e.as_string());
  return out;
}
std::string LinksJson(const std::vector<Link>& links) {
  boost::json::array a;
  for (const auto& l : links) a.push_back({{"title", l.title}, {"url", l.url}});
  return boost::json::serialize(a);
}
std::vector<Link> ParseLinks(std::string_view text) {
  std::vector<Link> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    const auto* o = e.if_object();
    if (!o) continue;
    const auto* title = o->if_contains("title");
    const auto* url = o->if_contains("url");
    if (title && url && title->is_string() && url->is_string())
      out.push_back({std::string(title->as_string()), std::string(url->as_string())});
  }
  return out;
}

const char* VisibilityName(Visibility v) { return v == Visibility::kPrivate ? "private" : "members"; }
Visibility ParseVisibility(std::string_view s) { return s == "private" ? Visibility::kPrivate : Visibility::kMembers; }

Card ReadCard(const agora::store::Query& q, int at = 0) {
  return Card{q.Int(at), q.Text(at + 1), q.Text(at + 2), q.Text(at + 3), q.Text(at + 4), q.Text(at + 5),
              identity::ParseRole(q.TextView(at + 6)).value_or(identity::Role::kMember), q.Text(at + 7)};
}

// A card's columns (AGORA_CARD_COLUMNS) and then the rest of its account's, from `at` on.
std::pair<Card, identity::User> ReadCardAndAccount(const agora::store::Query& q, int at) {
  Card card = ReadCard(q, at);
  identity::User u;
  u.id = card.id;
  u.handle = card.handle;
  u.display_name = card.display_name;
  u.role = card.role;
  u.email = q.Text(at + kCardColumnCount);
  u.active = q.Int(at + kCardColumnCount + 1) != 0;
  u.created_at = q.Int(at + kCardColumnCount + 2);
  u.updated_at = q.Int(at + kCardColumnCount + 3);
  u.deactivated_at = q.OptInt(at + kCardColumnCount + 4);
  return {std::move(card), std::move(u)};
}

// The account columns both profile queries start with (u.id ... u.deactivated_at).
// The account columns of AGORA_SUBJECT_COLUMNS, from column `at` on.
identity::User ReadAccount(const agora::store::Query& q, int at = 0) {
  identity::User u;
  u.id = q.Int(at);
  u.email = q.Text(at + 1);
  u.handle = q.Text(at + 2);
  u.display_name = q.Text(at + 3);
  u.role = identity::ParseRole(q.TextView(at + 4)).value_or(identity::Role::kMember);
  u.active = q.Int(at + 5) != 0;
  u.created_at = q.Int(at + 6);
  u.updated_at = q.Int(at + 7);
  u.deactivated_at = q.OptInt(at + 8);
  return u;
}

std::vector<Card> Cards(agora::store::Query q) {
  std::vector<Card> out;
  while (q.Next()) out.push_back(ReadCard(q));
  return out;
}

}  // namespace

namespace {

// The columns of AGORA_PROFILE_COLUMNS; expertise is read apart.
Profile ReadProfile(const agora::store::Query& q) {
  Profile p;
  p.account = ReadAccount(q);
  p.pronouns = q.Text(9);
  p.title = q.Text(10);
  p.department = q.Text(11);
  p.office = q.Text(12);
  p.country = q.Text(13);
  p.timezone = q.Text(14);
  p.bio = q.Text(15);
  p.phone = q.Text(16);
  p.phone_visibility = ParseVisibility(q.TextView(17));
  p.chat = q.Text(18);
  p.chat_visibility = ParseVisibility(q.TextView(19));
  p.email_visibility = ParseVisibility(q.TextView(20));
  p.manager_id = q.OptInt(21);
  p.followers = q.Int(22);
  p.following = q.Int(23);
  p.languages = ParseLanguages(q.TextView(24));
  p.links = ParseLinks(q.TextView(25));
  p.photo = q.Text(26);
  return p;
}

}  // namespace

std::optional<Profile> LoadProfile(Connection& c, Id user_id) {
  auto q = c.Prepare(kLoadProfile, user_id);
  if (!q.Next()) return std::nullopt;
  Profile p = ReadProfile(q);
  for (auto tags = c.Prepare(kExpertiseOf, user_id); tags.Next();) p.expertise.push_back(tags.Text(0));
  return p;
}

std::optional<ProfileParts> LoadProfileParts(Connection& c, Id user_id, FollowCounts counts) {
  auto q = c.Prepare(counts == FollowCounts::kCounted ? kProfileParts : kProfilePartsUncounted, user_id);
  if (!q.Next()) return std::nullopt;
  ProfileParts parts;
  parts.profile = ReadProfile(q);
  if (!q.IsNull(kProfileColumnCount)) parts.manager = ReadCardAndAccount(q, kProfileColumnCount);
  const int tags_at = kProfileColumnCount + kCardColumnCount + 5;
  if (!q.IsNull(tags_at)) {
    std::string_view all = q.TextView(tags_at);
    while (!all.empty()) {
      const size_t comma = all.find(',');
      std::string_view item = all.substr(0, comma);
      all = comma == std::string_view::npos ? std::string_view() : all.substr(comma + 1);
      const size_t slash = item.rfind('/');
      if (slash == std::string_view::npos) continue;
      std::int64_t n = 0;
      std::from_chars(item.data() + slash + 1, item.data() + item.size(), n);
      parts.endorsement_counts.emplace_back(std::string(item.substr(0, slash)), n);
    }
    std::sort(parts.endorsement_counts.begin(), parts.endorsement_counts.end());  // by tag, as LoadProfile
    for (const auto& [tag, n] : parts.endorsement_counts) parts.profile.expertise.push_back(tag);
    // Most endorsed first, ties by tag.
    std::stable_sort(parts.endorsement_counts.begin(), parts.endorsement_counts.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
  }
  return parts;
}

std::optional<Id> FindIdByHandle(Connection& c, const std::string& handle) {
  auto q = c.Prepare(kIdByHandle, handle);
  if (!q.Next()) return std::nullopt;
  return q.Int(0);
}

std::optional<Id> FindIdByOldHandle(Connection& c, const std::string& handle) {
  auto q = c.Prepare(kIdByOldHandle, handle);
  if (!q.Next()) return std::nullopt;
  return q.Int(0);
}

void ChangeHandle(Connection& c, Id user_id, const std::string& old_handle, const std::string& new_handle,
                  std::int64_t now) {
  c.Prepare(kReclaimHandle, new_handle, user_id).Run();  // taking back one's own old handle
  c.Prepare(kSetHandle, new_handle, now, user_id).Run();
  c.Prepare(kKeepOldHandle, old_handle, user_id, now).Run();
}

std::optional<Card> LoadCard(Connection& c, Id user_id) {
  auto q = c.Prepare(kCard, user_id);
  if (!q.Next()) return std::nullopt;
  return ReadCard(q);
}

std::optional<Card> CardByHandle(Connection& c, const std::string& handle) {
  auto id = FindIdByHandle(c, handle);
  if (!id) id = FindIdByOldHandle(c, handle);
  return id ? LoadCard(c, *id) : std::nullopt;
}

Card CardOf(Connection& c, Id user_id) {
  if (auto card = LoadCard(c, user_id)) return *card;
  Card card;
  card.id = user_id;
  return card;
}

void SaveProfile(Connection& c, const Profile& p, std::int64_t now) {
  c.Prepare(kSaveProfile, p.account.id, p.pronouns, p.title, p.department, p.office, p.country, p.timezone, p.bio,
            p.phone, VisibilityName(p.phone_visibility), p.chat, VisibilityName(p.chat_visibility),
            VisibilityName(p.email_visibility), p.manager_id, LanguagesJson(p.languages), LinksJson(p.links), now)
      .Run();
  // Only the tags that changed: removing a tag drops its endorsements (foreign key), so
  // unchanged tags must not be deleted and inserted again.
  std::vector<std::string> current;
  {
    auto q = c.Prepare(kExpertiseOf, p.account.id);
    while (q.Next()) current.push_back(q.Text(0));
  }
  for (const auto& tag : current)
    if (std::find(p.expertise.begin(), p.expertise.end(), tag) == p.expertise.end())
      c.Prepare(kDeleteExpertise, p.account.id, tag).Run();
  for (const auto& tag : p.expertise)
    if (std::find(current.begin(), current.end(), tag) == current.end())
      c.Prepare(kInsertExpertise, p.account.id, tag).Run();
}

void SetManager(Connection& c, Id user_id, std::optional<Id> manager, std::int64_t now) {
  c.Prepare(kSetManager, user_id, manager, now).Run();
}

std::optional<Id> ManagerOf(Connection& c, Id user_id) {
  auto q = c.Prepare(kManagerOf, user_id);
  if (!q.Next()) return std::nullopt;
  return q.OptInt(0);
}

std::optional<Subject> LoadSubject(Connection& c, std::optional<Id> id, std::string_view handle) {
  auto q = id ? c.Prepare(kSubjectById, *id) : c.Prepare(kSubjectByHandle, handle);
  if (!q.Next()) return std::nullopt;
  Subject s;
  s.account = ReadAccount(q);
  s.profile_version = q.Int(9);
  return s;
}

std::optional<ViewedSubject> LoadViewedSubject(Connection& c, std::optional<Id> id, std::string_view handle, Id viewer) {
  auto q = id ? c.Prepare(kViewedSubjectById, *id, viewer) : c.Prepare(kViewedSubjectByHandle, handle, viewer);
  if (!q.Next()) return std::nullopt;
  ViewedSubject s;
  s.followed_by_viewer = q.Int(0) != 0;
  s.subject.account = ReadAccount(q, 2);
  s.subject.profile_version = q.Int(11);
  do {
    if (!q.IsNull(1)) s.endorsed_by_viewer.push_back(q.Text(1));
  } while (q.Next());
  return s;
}

std::string PhotoKey(Connection& c, Id user_id) {
  auto q = c.Prepare(kPhotoKey, user_id);
  return q.Next() ? q.Text(0) : std::string();
}

void SetPhotoKey(Connection& c, Id user_id, const std::string& key, std::int64_t now) {
  c.Prepare(kSetPhotoKey, user_id, key, now).Run();
}

bool PhotoInUse(Connection& c, const std::string& key) { return c.Prepare(kPhotoInUse, key).Next(); }

bool Follow(Connection& c, Id follower, Id followee, std::int64_t now) {
  if (c.Prepare(kFollow, follower, followee, now).Run() == 0) return false;
  c.Prepare(kFollowMirror, followee, follower).Run();
  return true;
}

bool Unfollow(Connection& c, Id follower, Id followee) {
  if (c.Prepare(kUnfollow, follower, followee).Run() == 0) return false;
  c.Prepare(kUnfollowMirror, followee, follower).Run();
  return true;
}


std::vector<Card> Followers(Connection& c, Id user_id, Id after_id, int limit, ListFilter f) {
  return Cards(c.Prepare(kFollowers, user_id, f.include_inactive, f.include_guests, after_id, limit));
}

std::vector<Card> Following(Connection& c, Id user_id, Id after_id, int limit, ListFilter f) {
  return Cards(c.Prepare(kFollowing, user_id, f.include_inactive, f.include_guests, after_id, limit));
}

std::vector<Suggestion> Suggestions(Connection& c, Id me, int limit) {
  std::vector<Suggestion> out;
  std::optional<Id> manager;
  std::string department, office;
  {
    auto q = c.Prepare("SELECT manager_id, department, office FROM profiles WHERE user_id = ?", me);
    if (q.Next()) {
      if (!q.IsNull(0)) manager = q.Int(0);
      department = q.Text(1);
      office = q.Text(2);
    }
  }
  // Active members only, not me, not someone I follow, not someone already suggested.
  const std::string rule = " AND u.active = 1 AND u.role <> 'guest' AND u.id <> ?2"
                           " AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ?2 AND f.followee_id = u.id)";
  auto add = [&](const std::string& where, auto value, std::string reason, int most) {
    if (static_cast<int>(out.size()) >= limit) return;
    auto q = c.Prepare("SELECT " AGORA_CARD_COLUMNS " FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE " + where + rule +
                           " ORDER BY u.id LIMIT ?3",
                       value, me, most + limit);
    int added = 0;
    while (q.Next() && added < most && static_cast<int>(out.size()) < limit) {
      Card card = ReadCard(q);
      if (std::any_of(out.begin(), out.end(), [&](const Suggestion& s) { return s.card.id == card.id; })) continue;
      out.push_back({std::move(card), reason});
      ++added;
    }
  };
  if (manager) add("u.id = ?1", *manager, "manager", 1);
  if (manager) add("p.manager_id = ?1", *manager, "team", 4);
  add("p.manager_id = ?1", me, "report", 4);
  if (!department.empty()) add("p.department = ?1", department, "department", 4);
  if (!office.empty()) add("p.office = ?1", office, "office", 4);
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> Departments(Connection& c, int limit) {
  auto q = c.Prepare(
      "SELECT p.department, count(*) FROM profiles p JOIN users u ON u.id = p.user_id"
      " WHERE p.department <> '' AND u.active = 1 AND u.role != 'guest'"
      " GROUP BY p.department ORDER BY count(*) DESC, p.department LIMIT ?",
      limit);
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (q.Next()) out.emplace_back(q.Text(0), q.Int(1));
  return out;
}

std::vector<Card> Reports(Connection& c, Id manager_id, ListFilter f) {
  return Cards(c.Prepare(kReports, manager_id, f.include_inactive, f.include_guests));
}

std::vector<Card> Directory(Connection& c, const DirectoryQuery& q, ListFilter f) {
  bool few = false;
  if (!q.match.empty()) {
    std::int64_t threshold = q.few_matches >= 0 ? q.few_matches : kFewMatches;
    auto count = c.Prepare(kCountMatches, q.match, threshold + 1);
    few = count.Next() && count.Int(0) <= threshold;
  }
  const auto& sql = DirectorySqlFor(q.order);
  // The walk tests each name itself (words); the search starts from the full-text matches.
  auto query = c.Prepare(few ? sql.search : sql.browse, few ? q.match : q.words, f.include_inactive, f.include_guests,
                         q.department, q.country, q.after_name, q.after_id, q.limit);
  return Cards(std::move(query));
}

std::vector<std::pair<Card, std::int64_t>> Experts(Connection& c, const std::string& tag, const DirectoryQuery& d,
                                                   std::int64_t after_count, ListFilter f) {
  auto q = c.Prepare(kExperts, tag, f.include_inactive, f.include_guests, after_count, d.after_id, d.limit,
                     d.department, d.country, d.match);
  std::vector<std::pair<Card, std::int64_t>> out;
  while (q.Next()) out.emplace_back(ReadCard(q), q.Int(kCardColumnCount));
  return out;
}

std::vector<std::pair<Id, std::string>> ActiveMemberKeys(Connection& c) {
  auto q = c.Prepare(kActiveMemberKeys);
  std::vector<std::pair<Id, std::string>> out;
  while (q.Next()) out.emplace_back(q.Int(0), q.Text(1));
  return out;
}

bool HasExpertise(Connection& c, Id user_id, const std::string& tag) {
  return c.Prepare(kHasExpertise, user_id, tag).Next();
}

bool Endorse(Connection& c, Id user_id, const std::string& tag, Id endorser, std::int64_t now) {
  return c.Prepare(kEndorse, user_id, tag, endorser, now).Run() > 0;
}

bool Unendorse(Connection& c, Id user_id, const std::string& tag, Id endorser) {
  return c.Prepare(kUnendorse, user_id, tag, endorser).Run() > 0;
}



std::vector<std::tuple<std::string, std::int64_t, bool>> EndorsementsOf(Connection& c, Id user_id, Id viewer) {
  auto q = c.Prepare(kEndorsementsOf, user_id, viewer);
  std::vector<std::tuple<std::string, std::int64_t, bool>> out;
  while (q.Next()) out.emplace_back(q.Text(0), q.Int(1), q.Int(2) != 0);
  return out;
}

bool SharesCommunity(Connection& c, Id a, Id b) {
  return c
      .Prepare("SELECT 1 FROM community_members x JOIN community_members y ON y.community_id = x.community_id"
               " WHERE x.person_id = ?1 AND x.state = 'active' AND y.person_id = ?2 AND y.state = 'active' LIMIT 1",
               a, b)
      .Next();
}

}  // namespace agora::people::store
