#include "modules/people/search.h"

#include <algorithm>

#include "modules/identity/store.h"
#include "modules/people/policy.h"
#include "modules/people/store.h"

namespace agora::people {

find::Kind SearchKind() {
  find::Kind kind;
  kind.source = find::TableSource("users", [](agora::store::Connection& c, Id id) -> std::optional<search::Document> {
    auto parts = store::LoadProfileParts(c, id, store::FollowCounts::kSkipped);  // neither shown nor indexed
    if (!parts) return std::nullopt;
    const Profile& p = parts->profile;
    const identity::User& u = p.account;
    search::Document d;
    d.key = "person:" + IdToString(id);
    d.kind = "person";
    d.language = u.language;
    const std::string first = u.display_name.substr(0, u.display_name.find(' '));
    std::string spellings;
    auto w = c.Prepare("SELECT name_words FROM users WHERE id = ?1", id);
    if (w.Next()) spellings = w.Text(0);
    // The spellings and the handle are made-up words: found, but not offered as corrections.
    d.fields = {{first, 3, false, false}, {u.display_name, 6, true}, {spellings, 4, true, false}, {u.handle, 3, true, false},
                {p.title, 3},             {p.department, 2},         {p.office, 1}};
    // Each endorsement makes an expertise count more, up to twenty.
    for (const auto& [tag, endorsements] : parts->endorsement_counts)
      d.fields.push_back({tag, 4 + static_cast<int>(std::min<std::int64_t>(endorsements, 20))});
    d.fields.push_back({p.bio, 1});
    d.tags = p.expertise;
    // Who may see the profile (policy.h, search_terms.h): the person and admins always; while
    // active, members and admins (unless a guest's), and who shares a community with them.
    d.audience = {"admin", "self:" + IdToString(id)};
    if (u.active) {
      if (u.role != identity::Role::kGuest) d.audience.push_back("org");
      auto m = c.Prepare("SELECT community_id FROM community_members WHERE person_id = ?1 AND state = 'active'", id);
      while (m.Next()) d.audience.push_back("community:" + IdToString(m.Int(0)));
    }
    d.created_at = u.created_at;
    d.dated = false;  // in bands of people, side by side with those of time (index.h)
    return d;
  });
  kind.show = [](agora::store::Connection& c, const content::Viewer& viewer, Id id) -> std::optional<find::Shown> {
    if (!viewer.signed_in()) return std::nullopt;
    auto parts = store::LoadProfileParts(c, id, store::FollowCounts::kSkipped);  // neither shown nor indexed
    if (!parts) return std::nullopt;
    const Profile& p = parts->profile;
    identity::Principal who;
    who.user.id = viewer.id;
    who.user.role = viewer.role;
    if (!SeesProfile(c, who, p.account)) return std::nullopt;
    find::Shown s;
    s.title = p.account.display_name;
    s.subtitle = p.title.empty() ? p.department : p.department.empty() ? p.title : p.title + " · " + p.department;
    // Why they matched: their expertise, title and bio.
    for (const auto& [tag, endorsements] : parts->endorsement_counts) s.text += tag + " · ";
    s.text += p.bio;
    s.url = "/people/" + p.account.handle;
    s.created_at = 0;
    return s;
  };
  return kind;
}

}  // namespace agora::people
