#include "modules/people/json.h"

#include <boost/json/serialize.hpp>

#include "core/clock.h"
#include "core/json.h"
#include "core/markdown.h"
#include "modules/people/policy.h"

namespace agora::people::json {

namespace {
const char* VisibilityName(Visibility v) { return v == Visibility::kPrivate ? "private" : "members"; }
}  // namespace

boost::json::value PhotoUrl(Id id, const std::string& key, int size) {
  if (key.empty()) return nullptr;
  // The key in the URL makes it change with the photo, so browsers may cache it for good.
  return boost::json::string("/api/v1/people/" + IdToString(id) + "/photo/" + std::to_string(size) + "?v=" +
                             key.substr(0, 16));
}

boost::json::object CardJson(const Card& c) {
  return {{"id", IdToString(c.id)},     {"handle", c.handle},         {"display_name", c.display_name},
          {"title", c.title},           {"department", c.department}, {"country", c.country},
          {"alumnus", c.role == identity::Role::kAlumnus},           {"photo", PhotoUrl(c.id, c.photo, 64)}};
}

boost::json::object ProfileJson(const ProfileView& v, const identity::Principal& viewer) {
  const Profile& p = v.profile;
  const auto& u = p.account;
  boost::json::array tags;
  for (const auto& t : p.expertise) tags.push_back(boost::json::string(t));
  boost::json::object o{{"id", IdToString(u.id)},
                        {"handle", u.handle},
                        {"display_name", u.display_name},
                        {"role", identity::RoleName(u.role)},
                        {"alumnus", u.role == identity::Role::kAlumnus},
                        {"active", u.active},
                        {"pronouns", p.pronouns},
                        {"title", p.title},
                        {"department", p.department},
                        {"office", p.office},
                        {"country", p.country},
                        {"timezone", p.timezone},
                        {"bio", p.bio},
                        {"bio_html", markdown::ToHtml(p.bio)},
                        {"expertise", std::move(tags)},
                        {"manager", v.manager ? boost::json::value(CardJson(*v.manager)) : boost::json::value(nullptr)},
                        {"followers", p.followers},
                        {"following", p.following},
                        {"followed_by_me", v.followed_by_viewer},
                        {"created_at", FormatRfc3339(u.created_at)}};
  boost::json::array languages;
  for (const auto& l : p.languages) languages.push_back(boost::json::string(l));
  o["languages"] = std::move(languages);
  boost::json::array links;
  for (const auto& l : p.links) links.push_back({{"title", l.title}, {"url", l.url}});
  o["links"] = std::move(links);
  if (p.photo.empty()) {
    o["photo"] = nullptr;
  } else {
    o["photo"] = {{"small", PhotoUrl(u.id, p.photo, 64)},
                  {"medium", PhotoUrl(u.id, p.photo, 256)},
                  {"large", PhotoUrl(u.id, p.photo, 512)}};
  }
  boost::json::array endorsed;
  for (const auto& e : v.endorsements)
    endorsed.push_back({{"tag", e.tag}, {"count", e.count}, {"endorsed_by_me", e.by_viewer}});
  o["endorsements"] = std::move(endorsed);
  if (CanSeeField(viewer, u, p.email_visibility)) o["email"] = u.email;
  if (!p.phone.empty() && CanSeeField(viewer, u, p.phone_visibility)) o["phone"] = p.phone;
  if (!p.chat.empty() && CanSeeField(viewer, u, p.chat_visibility)) o["chat"] = p.chat;
  // The person (and admins) see their own visibility settings.
  if (viewer.user.id == u.id || viewer.is_admin())
    o["visibility"] = {{"email", VisibilityName(p.email_visibility)},
                       {"phone", VisibilityName(p.phone_visibility)},
                       {"chat", VisibilityName(p.chat_visibility)}};
  return o;
}

namespace {
bool SameAccount(const identity::User& a, const identity::User& b) {
  return a.id == b.id && a.updated_at == b.updated_at && a.handle == b.handle && a.display_name == b.display_name &&
         a.role == b.role && a.active == b.active && a.email == b.email;
}
}  // namespace

std::string ProfileBody(const ProfileView& v, const identity::Principal& viewer) {
  const auto& u = v.profile.account;
  bool plain_member = viewer.user.role == identity::Role::kMember && viewer.user.id != u.id;
  if (!plain_member || !v.rendered) return boost::json::serialize(ProfileJson(v, viewer));
  // Rendered once per cached profile, from the account row of the first read; a later read
  // whose account row differs (renamed within the cache's lifetime) renders in full.
  std::call_once(v.rendered->once, [&] {
    auto o = ProfileJson(v, viewer);
    o.erase("followed_by_me");
    o.erase("endorsements");
    std::string head = boost::json::serialize(o);
    head.pop_back();  // the closing brace
    v.rendered->head = std::move(head);
    v.rendered->account = u;
  });
  if (!SameAccount(v.rendered->account, u)) return boost::json::serialize(ProfileJson(v, viewer));
  std::string out = v.rendered->head;
  out += v.followed_by_viewer ? ",\"followed_by_me\":true,\"endorsements\":[" : ",\"followed_by_me\":false,\"endorsements\":[";
  bool first = true;
  for (const auto& e : v.endorsements) {
    if (!first) out += ',';
    first = false;
    out += "{\"tag\":";
    out += boost::json::serialize(boost::json::string(e.tag));
    out += ",\"count\":" + std::to_string(e.count) + (e.by_viewer ? ",\"endorsed_by_me\":true}" : ",\"endorsed_by_me\":false}");
  }
  out += "]}";
  return out;
}

Result<ProfileChange> ParseChange(const boost::json::object& body) {
  if (auto st = agora::json::OnlyKeys(body, {"pronouns", "title", "department", "office", "country", "timezone", "bio",
                                              "phone", "chat", "visibility", "expertise", "languages", "links",
                                              "manager_id", "handle"});
      !st)
    return st.error();
  ProfileChange ch;
  struct S {
    const char* name;
    std::optional<std::string>& out;
  };
  for (const S& f : {S{"pronouns", ch.pronouns}, S{"title", ch.title}, S{"department", ch.department},
                     S{"office", ch.office}, S{"country", ch.country}, S{"timezone", ch.timezone}, S{"bio", ch.bio},
                     S{"phone", ch.phone}, S{"chat", ch.chat}, S{"handle", ch.handle}}) {
    auto v = agora::json::OptionalString(body, f.name);
    if (!v) return v.error();
    f.out = *v;
  }
  if (auto* vis = body.if_contains("visibility")) {
    if (!vis->is_object()) return Error::Invalid("visibility", "visibility must be an object");
    for (const auto& kv : vis->as_object()) {
      std::string field = "visibility." + std::string(kv.key());
      if (!kv.value().is_string() || (kv.value().as_string() != "members" && kv.value().as_string() != "private"))
        return Error::Invalid(field, field + " must be \"members\" or \"private\"");
      Visibility v = kv.value().as_string() == "private" ? Visibility::kPrivate : Visibility::kMembers;
      if (kv.key() == "email") ch.email_visibility = v;
      else if (kv.key() == "phone") ch.phone_visibility = v;
      else if (kv.key() == "chat") ch.chat_visibility = v;
      else return Error::Invalid(field, "unknown field " + field);
    }
  }
  if (auto* tags = body.if_contains("expertise")) {
    if (!tags->is_array()) return Error::Invalid("expertise", "expertise must be an array of strings");
    std::vector<std::string> list;
    for (const auto& t : tags->as_array()) {
      if (!t.is_string()) return Error::Invalid("expertise", "expertise must be an array of strings");
      list.emplace_back(t.as_string());
    }
    ch.expertise = std::move(list);
  }
  if (auto* langs = body.if_contains("languages")) {
    if (!langs->is_array()) return Error::Invalid("languages", "languages must be an array of language tags");
    std::vector<std::string> list;
    for (size_t i = 0; i < langs->as_array().size(); ++i) {
      const auto& t = langs->as_array()[i];
      std::string field = "languages[" + std::to_string(i) + "]";
      if (!t.is_string()) return Error::Invalid(field, field + " must be a string");
      list.emplace_back(t.as_string());
    }
    ch.languages = std::move(list);
  }
  if (auto* links = body.if_contains("links")) {
    if (!links->is_array()) return Error::Invalid("links", "links must be an array of {\"title\", \"url\"} objects");
    std::vector<Link> list;
    for (size_t i = 0; i < links->as_array().size(); ++i) {
      const auto& l = links->as_array()[i];
      std::string field = "links[" + std::to_string(i) + "]";
      if (!l.is_object()) return Error::Invalid(field, field + " must be an object with title and url");
      const auto& o = l.as_object();
      if (auto st = agora::json::OnlyKeys(o, {"title", "url"}); !st) {
        auto e = st.error();
        e.field = field + "." + e.field;
        return e;
      }
      auto title = agora::json::OptionalString(o, "title");
      if (!title) return Error::Invalid(field + ".title", field + ".title must be a string");
      const auto* url = o.if_contains("url");
      if (!url || !url->is_string()) return Error::Invalid(field + ".url", field + ".url must be a string");
      list.push_back({title->value_or(""), std::string(url->as_string())});
    }
    ch.links = std::move(list);
  }
  if (auto* m = body.if_contains("manager_id")) {
    if (m->is_null()) {
      ch.manager_id = std::optional<Id>();
    } else {
      auto id = m->is_string() ? ParseId(std::string_view(m->as_string())) : std::nullopt;
      if (!id) return Error::Invalid("manager_id", "manager_id must be a person's id (a string) or null");
      ch.manager_id = std::optional<Id>(*id);
    }
  }
  return ch;
}

}  // namespace agora::people::json
