#include "modules/scim/users.h"

#include <boost/json/serialize.hpp>

#include "core/clock.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/identity/service.h"
#include "modules/identity/store.h"
#include "modules/people/store.h"
#include "modules/sso/store.h"

namespace agora::scim {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

Error Invalid(const std::string& field, const std::string& why) { return Error::Invalid(field, why); }

// "True"/"False" as strings: Entra ID sends them so in PATCH.
std::optional<bool> Bool(const value* v) {
  if (!v) return std::nullopt;
  if (v->is_bool()) return v->as_bool();
  if (v->is_string()) {
    auto s = text::AsciiLower(std::string_view(v->as_string()));
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return std::nullopt;
}

// The entry of a multi-valued attribute (emails, phoneNumbers) to use: primary, else of
// `type`, else the first.
std::string MultiValue(const object& o, std::string_view name, std::string_view type) {
  const value* v = Attribute(o, name);
  if (!v || !v->is_array()) return {};
  const object* pick = nullptr;
  for (const auto& e : v->as_array()) {
    if (!e.is_object()) continue;
    const auto& eo = e.as_object();
    if (Bool(Attribute(eo, "primary")).value_or(false)) return StringAttribute(eo, "value");
    if (!pick && StringAttribute(eo, "type") == type) pick = &eo;
    if (!pick) pick = &eo;
  }
  return pick ? StringAttribute(*pick, "value") : std::string();
}

// What a User resource asks for.
struct Desired {
  std::string email, display_name, title, department, phone, external_id;
  std::optional<std::string> manager;  // an id; "" clears
  bool active = true;
  std::optional<identity::Role> role;
};

Result<Desired> FromResource(const object& r) {
  Desired d;
  d.email = MultiValue(r, "emails", "work");
  const std::string user_name = StringAttribute(r, "userName");
  if (d.email.empty()) d.email = user_name;
  if (user_name.empty() && d.email.empty()) return Invalid("userName", "userName is required");
  if (!text::LooksLikeEmail(d.email))
    return Invalid("userName", "an e-mail address is needed: emails[primary].value or a userName that is one");
  d.display_name = StringAttribute(r, "displayName");
  if (const value* name = Attribute(r, "name"); name && name->is_object()) {
    if (d.display_name.empty()) d.display_name = StringAttribute(name->as_object(), "formatted");
    if (d.display_name.empty()) {
      std::string given = StringAttribute(name->as_object(), "givenName"), family = StringAttribute(name->as_object(), "familyName");
      d.display_name = std::string(text::Trim(given + " " + family));
    }
  }
  if (d.display_name.empty()) d.display_name = d.email.substr(0, d.email.find('@'));
  d.title = StringAttribute(r, "title");
  d.phone = MultiValue(r, "phoneNumbers", "work");
  d.external_id = StringAttribute(r, "externalId");
  if (auto active = Bool(Attribute(r, "active"))) d.active = *active;
  else if (Attribute(r, "active") && !Attribute(r, "active")->is_null()) return Invalid("active", "active must be true or false");
  std::string type = text::AsciiLower(StringAttribute(r, "userType"));
  if (type == "guest") d.role = identity::Role::kGuest;
  else if (type == "member" || type == "employee") d.role = identity::Role::kMember;
  if (const value* ext = Attribute(r, kEnterpriseUser); ext && ext->is_object()) {
    d.department = StringAttribute(ext->as_object(), "department");
    if (const value* m = Attribute(ext->as_object(), "manager")) {
      if (m->is_string()) d.manager = std::string(m->as_string());
      else if (m->is_object()) d.manager = StringAttribute(m->as_object(), "value");
      else if (m->is_null()) d.manager = "";
    } else {
      d.manager = "";
    }
  } else {
    d.manager = "";
  }
  for (auto [field, v] : {std::pair{"title", &d.title}, {"department", &d.department}})
    if (text::CodePoints(*v) > 100 || text::HasControlCharacters(*v)) return Invalid(field, std::string(field) + " must be at most 100 characters of text");
  return d;
}

std::string_view UserType(identity::Role r) {
  switch (r) {
    case identity::Role::kGuest: return "Guest";
    case identity::Role::kAlumnus: return "Alumnus";
    case identity::Role::kAdmin: return "Admin";
    case identity::Role::kMember: break;
  }
  return "Member";
}

std::optional<std::string> ExternalIdOf(agora::store::Connection& c, Id user) {
  auto q = c.Prepare("SELECT subject FROM external_identities WHERE provider = ?1 AND user_id = ?2 ORDER BY created_at DESC LIMIT 1",
                     std::string(kProvider), user);
  if (!q.Next()) return std::nullopt;
  return q.Text(0);
}

}  // namespace

std::optional<object> ScimUsers::Load(agora::store::Connection& c, Id id) {
  auto profile = people::store::LoadProfile(c, id);
  if (!profile) return std::nullopt;
  const auto& u = profile->account;
  object r{{"schemas", array{kUserSchema, kEnterpriseUser}},
           {"id", IdToString(u.id)},
           {"userName", u.email},
           {"name", object{{"formatted", u.display_name}}},
           {"displayName", u.display_name},
           {"userType", UserType(u.role)},
           {"active", u.active},
           {"emails", array{object{{"value", u.email}, {"type", "work"}, {"primary", true}}}}};
  if (auto external = ExternalIdOf(c, u.id)) r["externalId"] = *external;
  if (!profile->title.empty()) r["title"] = profile->title;
  if (!profile->phone.empty()) r["phoneNumbers"] = array{object{{"value", profile->phone}, {"type", "work"}}};
  object enterprise;
  if (!profile->department.empty()) enterprise["department"] = profile->department;
  if (profile->manager_id) {
    object manager{{"value", IdToString(*profile->manager_id)}, {"$ref", base_url_ + "/scim/v2/Users/" + IdToString(*profile->manager_id)}};
    if (auto card = people::store::LoadCard(c, *profile->manager_id)) manager["displayName"] = card->display_name;
    enterprise["manager"] = std::move(manager);
  }
  r[kEnterpriseUser] = std::move(enterprise);
  r["meta"] = object{{"resourceType", "User"},
                     {"created", FormatRfc3339(u.created_at)},
                     {"lastModified", FormatRfc3339(u.updated_at)},
                     {"location", base_url_ + "/scim/v2/Users/" + IdToString(u.id)},
                     {"version", "W/\"" + std::to_string(u.updated_at) + "\""}};
  return r;
}

Result<object> ScimUsers::Get(Id id) {
  auto r = db_.Read([&](agora::store::Connection& c) { return Load(c, id); });
  if (!r) return Error::NotFound("no such user");
  return *r;
}

Result<ListResult> ScimUsers::List(const FilterNode* filter, size_t start_index, size_t count) {
  count = std::min(count, kMaxCount);
  const size_t skip = start_index > 0 ? start_index - 1 : 0;
  return db_.Read([&](agora::store::Connection& c) -> Result<ListResult> {
    ListResult out;
    // The lookups identity providers make before creating someone: one indexed read.
    if (filter) {
      if (auto eq = SingleEquality(*filter)) {
        std::optional<Id> id;
        if (eq->first == "username" || eq->first == "emails.value" || eq->first == "emails") {
          if (auto u = identity::FindAccountByEmail(c, eq->second)) id = u->id;
        } else if (eq->first == "externalid") {
          id = sso::store::FindLinkedUser(c, kProvider, eq->second);
        } else if (eq->first == "id") {
          id = ParseId(eq->second);
        }
        if (eq->first == "username" || eq->first == "emails.value" || eq->first == "emails" || eq->first == "externalid" ||
            eq->first == "id") {
          if (id)
            if (auto r = Load(c, *id); r && Matches(*filter, *r)) {
              out.total = 1;
              if (skip == 0 && count > 0) out.resources.push_back(std::move(*r));
            }
          return out;
        }
      }
    }
    // Anything else: every account in id order, filtered here (a full scan: fine for the
    // occasional reconciliation a provider runs, not for every request).
    Id after = 0;
    size_t matched = 0;
    for (;;) {
      auto users = identity::store::ListUsers(c, after, 1000, "");
      if (users.empty()) break;
      for (const auto& u : users) {
        after = u.id;
        if (!filter && (matched < skip || out.resources.size() >= count)) {  // no need to build it
          ++matched;
          continue;
        }
        auto r = Load(c, u.id);
        if (!r || (filter && !Matches(*filter, *r))) continue;
        if (matched >= skip && out.resources.size() < count) out.resources.push_back(std::move(*r));
        ++matched;
      }
    }
    out.total = matched;
    return out;
  });
}

Result<object> ScimUsers::Create(const object& resource, const TokenInfo& token) { return Save(std::nullopt, resource, token); }

Result<object> ScimUsers::Replace(Id id, const object& resource, const TokenInfo& token) { return Save(id, resource, token); }

Result<object> ScimUsers::Patch(Id id, const object& patch, const TokenInfo& token) {
  auto current = Get(id);
  if (!current) return current.error();
  auto next = *current;
  if (auto st = ApplyPatch(next, patch); !st) return st.error();
  return Save(id, next, token);
}

Status ScimUsers::Delete(Id id, const TokenInfo& token) {
  auto current = Get(id);
  if (!current) return current.error();
  identity::Actor actor{std::nullopt, "scim:" + token.name};
  if (Bool(Attribute(*current, "active")).value_or(false))
    if (auto r = admin_.UpdateUser(actor, id, {.active = false}); !r) return r.error();
  db_.Write([&](agora::store::Connection& c) {
    c.Prepare("DELETE FROM external_identities WHERE provider = ?1 AND user_id = ?2", std::string(kProvider), id).Run();
    audit::Record(c, {ids_.Next(), std::nullopt, "scim.user.delete", "user", id,
                      boost::json::serialize(object{{"token", token.name}}), "", clock_.NowMs()});
  });
  return OkStatus();
}

Result<object> ScimUsers::Save(std::optional<Id> id, const object& resource, const TokenInfo& token) {
  auto d = FromResource(resource);
  if (!d) return d.error();
  const identity::Actor actor{std::nullopt, "scim:" + token.name};
  bool renamed = false, profile_changed = false, created = false;
  auto saved = db_.Write([&](agora::store::Connection& c) -> Result<identity::User> {
    const auto now = clock_.NowMs();
    std::optional<identity::User> user;
    if (id) {
      auto found = identity::store::FindUserById(c, *id);
      if (!found) return Error::NotFound("no such user");
      user = found->user;
      if (text::EmailKey(user->email) != text::EmailKey(d->email)) {
        if (auto st = identity::ChangeAccountEmail(c, user->id, d->email, now); !st) return st.error();
        user->email = d->email;
        renamed = true;
      }
    } else {
      if (!d->external_id.empty() && sso::store::FindLinkedUser(c, kProvider, d->external_id))
        return Error::Conflict("a user with this externalId exists", "externalId");
      auto made = identity::InsertAccount(c, ids_, now, {d->email, d->display_name, d->role.value_or(identity::Role::kMember), ""},
                                          std::nullopt);
      if (!made) return made.error();
      user = *made;
      created = true;
    }
    if (auto normal = identity::NormalizeDisplayName(d->display_name); !normal) {
      return Invalid("displayName", normal.error().message);
    } else if (*normal != user->display_name) {
      (void)identity::RenameAccount(c, user->id, *normal, now);
      user->display_name = *normal;
      renamed = true;
    }
    auto profile = people::store::LoadProfile(c, user->id);
    if (!profile) return Error::NotFound("no such user");
    auto next = *profile;
    next.title = d->title;
    next.department = d->department;
    next.phone = d->phone;
    if (next.title != profile->title || next.department != profile->department || next.phone != profile->phone) {
      people::store::SaveProfile(c, next, now);
      profile_changed = true;
    }
    std::optional<Id> manager;
    if (d->manager && !d->manager->empty()) {
      manager = ParseId(*d->manager);
      if (!manager || !identity::store::FindUserById(c, *manager)) return Invalid("manager", "manager must be the id of a user here");
      if (*manager == user->id) return Invalid("manager", "a person cannot report to themselves");
    }
    if (people::store::ManagerOf(c, user->id) != manager) {
      people::store::SetManager(c, user->id, manager, now);
      profile_changed = true;
    }
    if (!d->external_id.empty()) {
      auto linked = sso::store::FindLinkedUser(c, kProvider, d->external_id);
      if (linked && *linked != user->id) return Error::Conflict("another user has this externalId", "externalId");
      if (!linked) {
        c.Prepare("DELETE FROM external_identities WHERE provider = ?1 AND user_id = ?2", std::string(kProvider), user->id).Run();
        sso::store::Link(c, kProvider, d->external_id, user->id, now);
      }
    }
    audit::Record(c, {ids_.Next(), std::nullopt, created ? "scim.user.create" : "scim.user.update", "user", user->id,
                      boost::json::serialize(object{{"token", token.name}}), "", now});
    return *user;
  });
  if (!saved) return saved.error();
  if (bus_) {
    if (renamed) bus_->Publish({.kind = bus::Event::Kind::kAccountChanged, .people = {saved->id}});
    if (renamed || profile_changed || created) bus_->Publish({.kind = bus::Event::Kind::kProfileChanged, .people = {saved->id}});
  }
  // Role and active state through the admin service: audited, the last admin kept, and a
  // deactivated person signed out everywhere at once.
  identity::UserChange change;
  if (saved->active != d->active) change.active = d->active;
  if (d->role && *d->role != saved->role && saved->role != identity::Role::kAdmin && !created) change.role = d->role;
  if (change.active || change.role)
    if (auto r = admin_.UpdateUser(actor, saved->id, change); !r) return r.error();
  return Get(saved->id);
}

// --- PATCH ---

namespace {

// "emails[type eq \"work\"].value" -> attribute "emails", filter, sub-attribute "value".
struct PatchPath {
  std::string schema;     // an extension URN, or empty
  std::string attribute;  // as written
  std::string filter;     // inside [...], or empty
  std::string sub;        // after the first '.' (or after ']'), or empty
};

Result<PatchPath> ParsePath(std::string_view path) {
  PatchPath p;
  std::string rest(text::Trim(path));
  if (text::AsciiLower(rest).starts_with("urn:")) {
    // urn:...:User:attribute[.sub]: the schema is everything before the last ':' that
    // precedes the attribute.
    auto bracket = rest.find('[');
    auto colon = rest.rfind(':', bracket == std::string::npos ? std::string::npos : bracket);
    p.schema = rest.substr(0, colon);
    rest = rest.substr(colon + 1);
  }
  auto bracket = rest.find('[');
  if (bracket != std::string::npos) {
    auto close = rest.find(']', bracket);
    if (close == std::string::npos) return Error{ErrorCode::kMalformed, "invalid path: a [ is not closed", "path", 0};
    p.attribute = rest.substr(0, bracket);
    p.filter = rest.substr(bracket + 1, close - bracket - 1);
    if (close + 1 < rest.size()) {
      if (rest[close + 1] != '.') return Error{ErrorCode::kMalformed, "invalid path after ]", "path", 0};
      p.sub = rest.substr(close + 2);
    }
  } else {
    auto dot = rest.find('.');
    p.attribute = rest.substr(0, dot);
    if (dot != std::string::npos) p.sub = rest.substr(dot + 1);
  }
  if (p.attribute.empty()) return Error{ErrorCode::kMalformed, "invalid path: no attribute", "path", 0};
  return p;
}

object& Container(object& resource, const std::string& schema) {
  if (schema.empty()) return resource;
  for (auto& [k, v] : resource)
    if (text::AsciiLower(k) == text::AsciiLower(schema)) {
      if (!v.is_object()) v = object{};
      return v.as_object();
    }
  return resource[schema].emplace_object();
}

void Erase(object& o, std::string_view name) {
  for (auto it = o.begin(); it != o.end(); ++it)
    if (text::AsciiLower(it->key()) == text::AsciiLower(name)) {
      o.erase(it);
      return;
    }
}

value& Slot(object& o, std::string_view name) {
  for (auto& [k, v] : o)
    if (text::AsciiLower(k) == text::AsciiLower(name)) return v;
  return o[name];
}

// Entra ID sends booleans as "True"/"False".
value Normal(std::string_view attribute, const value& v) {
  if (text::AsciiLower(attribute) == "active")
    if (auto b = Bool(&v)) return *b;
  return v;
}

Status ApplyOne(object& resource, const std::string& op, const std::optional<std::string>& path, const value& v) {
  if (!path) {
    if (op == "remove") return Error{ErrorCode::kInvalidField, "remove needs a path", "path", 0};
    if (!v.is_object()) return Error{ErrorCode::kInvalidField, "an operation without a path needs an object value", "value", 0};
    for (const auto& [k, x] : v.as_object()) {
      std::string key(k);
      // Okta and Entra send extension attributes flattened: "urn:...:User:department".
      if (text::AsciiLower(key).starts_with(text::AsciiLower(std::string(kEnterpriseUser)) + ":")) {
        if (auto st = ApplyOne(resource, op, key, x); !st) return st;
      } else if (text::AsciiLower(key) == text::AsciiLower(std::string(kEnterpriseUser)) && x.is_object()) {
        auto& ext = Container(resource, std::string(kEnterpriseUser));
        for (const auto& [ek, ev] : x.as_object()) Slot(ext, ek) = ev;
      } else {
        Slot(resource, key) = Normal(key, x);
      }
    }
    return OkStatus();
  }
  auto p = ParsePath(*path);
  if (!p) return p.error();
  object& where = Container(resource, p->schema);
  if (p->filter.empty()) {
    if (p->sub.empty()) {
      if (op == "remove") Erase(where, p->attribute);
      else Slot(where, p->attribute) = Normal(p->attribute, v);
      return OkStatus();
    }
    value& parent = Slot(where, p->attribute);
    if (!parent.is_object()) parent = object{};
    if (op == "remove") Erase(parent.as_object(), p->sub);
    else Slot(parent.as_object(), p->sub) = v;
    return OkStatus();
  }
  // A filtered multi-valued attribute: emails[type eq "work"].value.
  auto filter = ParseFilter(p->filter);
  if (!filter) return filter.error();
  value& list = Slot(where, p->attribute);
  if (!list.is_array()) list = array{};
  auto& items = list.as_array();
  bool matched = false;
  for (auto it = items.begin(); it != items.end();) {
    if (!it->is_object() || !Matches(**filter, it->as_object())) {
      ++it;
      continue;
    }
    matched = true;
    if (op == "remove" && p->sub.empty()) {
      it = items.erase(it);
      continue;
    }
    if (op == "remove") Erase(it->as_object(), p->sub);
    else if (p->sub.empty() && v.is_object())
      for (const auto& [k, x] : v.as_object()) Slot(it->as_object(), k) = x;
    else if (!p->sub.empty()) Slot(it->as_object(), p->sub) = v;
    ++it;
  }
  if (!matched && op != "remove") {
    // Nothing of that type yet: add one (Entra adds emails[type eq "work"].value so).
    object item;
    if (auto eq = SingleEquality(**filter)) item[eq->first] = eq->second;
    if (!p->sub.empty()) item[p->sub] = v;
    else if (v.is_object())
      for (const auto& [k, x] : v.as_object()) item[k] = x;
    items.push_back(std::move(item));
  }
  return OkStatus();
}

}  // namespace

Status ApplyPatch(object& resource, const object& patch) {
  const value* ops = Attribute(patch, "Operations");
  if (!ops || !ops->is_array() || ops->as_array().empty())
    return Error{ErrorCode::kMalformed, "a PatchOp needs Operations", "Operations", 0};
  for (const auto& o : ops->as_array()) {
    if (!o.is_object()) return Error{ErrorCode::kMalformed, "each operation must be an object", "Operations", 0};
    std::string op = text::AsciiLower(StringAttribute(o.as_object(), "op"));  // Entra ID: "Replace", "Add"
    if (op != "add" && op != "replace" && op != "remove")
      return Error{ErrorCode::kMalformed, "op must be add, replace or remove", "op", 0};
    std::optional<std::string> path;
    if (const value* p = Attribute(o.as_object(), "path"); p && p->is_string() && !p->as_string().empty()) path = std::string(p->as_string());
    const value* v = Attribute(o.as_object(), "value");
    value val = v ? *v : value(nullptr);
    // A one-element array for a single-valued attribute (some clients wrap every value).
    if (path && val.is_array() && val.as_array().size() == 1 && !val.as_array()[0].is_object()) val = val.as_array()[0];
    if (auto st = ApplyOne(resource, op, path, val); !st) return st;
  }
  return OkStatus();
}

}  // namespace agora::scim
