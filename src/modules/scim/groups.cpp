#include "modules/scim/groups.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/communities/store.h"
#include "modules/people/store.h"

namespace agora::scim {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// [{"value": "123"}, ...] (or one such object) -> ids; unreadable ids are an error.
Result<std::vector<Id>> MemberIds(const value* v) {
  std::vector<Id> out;
  if (!v || v->is_null()) return out;
  auto one = [&](const value& m) -> Status {
    std::string id = m.is_object() ? StringAttribute(m.as_object(), "value") : m.is_string() ? std::string(m.as_string()) : "";
    auto parsed = ParseId(id);
    if (!parsed) return Error::Invalid("members", "a member's value must be a user's id");
    out.push_back(*parsed);
    return OkStatus();
  };
  if (v->is_array()) {
    for (const auto& m : v->as_array())
      if (auto st = one(m); !st) return st.error();
  } else if (auto st = one(*v); !st) {
    return st.error();
  }
  return out;
}

std::string Name(const std::string& by) { return "scim:" + by; }

}  // namespace

std::optional<object> ScimGroups::Load(agora::store::Connection& c, Id id, bool members) {
  auto q = c.Prepare("SELECT external_id, created_at FROM scim_groups WHERE community_id = ?1", id);
  if (!q.Next()) return std::nullopt;
  std::string external = q.Text(0);
  auto x = communities::store::Load(c, id);
  if (!x) return std::nullopt;
  object g{{"schemas", array{kGroupSchema}}, {"id", IdToString(id)}, {"displayName", x->name}};
  if (!external.empty()) g["externalId"] = external;
  if (members) {
    array list;
    Id after = 0;
    for (;;) {
      auto page = communities::store::Members(c, id, communities::State::kActive, after, 1000);
      for (const auto& m : page) {
        object member{{"value", IdToString(m.person_id)}, {"$ref", base_url_ + "/scim/v2/Users/" + IdToString(m.person_id)},
                      {"type", "User"}};
        if (auto card = people::store::LoadCard(c, m.person_id)) member["display"] = card->display_name;
        list.push_back(std::move(member));
      }
      if (page.size() < 1000) break;
      after = page.back().person_id;
    }
    g["members"] = std::move(list);
  }
  g["meta"] = object{{"resourceType", "Group"},
                     {"created", FormatRfc3339(x->created_at)},
                     {"lastModified", FormatRfc3339(x->updated_at)},
                     {"location", base_url_ + "/scim/v2/Groups/" + IdToString(id)}};
  return g;
}

Result<object> ScimGroups::Get(Id id, bool members) {
  auto g = db_.Read([&](agora::store::Connection& c) { return Load(c, id, members); });
  if (!g) return Error::NotFound("no such group");
  return *g;
}

Result<ListResult> ScimGroups::List(const FilterNode* filter, size_t start_index, size_t count, bool members) {
  count = std::min(count, ScimUsers::kMaxCount);
  const size_t skip = start_index > 0 ? start_index - 1 : 0;
  return db_.Read([&](agora::store::Connection& c) -> Result<ListResult> {
    ListResult out;
    std::vector<Id> ids;
    auto q = c.Prepare("SELECT community_id FROM scim_groups ORDER BY community_id");
    while (q.Next()) ids.push_back(q.Int(0));
    // A filter on members needs them; otherwise they are built only for the page returned.
    const bool filter_members = filter != nullptr;
    size_t matched = 0;
    for (Id id : ids) {
      auto g = Load(c, id, filter_members);
      if (!g || (filter && !Matches(*filter, *g))) continue;
      if (matched >= skip && out.resources.size() < count) {
        if (filter_members && !members) g->erase("members");
        if (!filter_members && members) g = Load(c, id, true);
        out.resources.push_back(std::move(*g));
      }
      ++matched;
    }
    out.total = matched;
    return out;
  });
}

Result<object> ScimGroups::Create(const object& resource, const TokenInfo& token) {
  const std::string name = StringAttribute(resource, "displayName");
  if (name.empty()) return Error::Invalid("displayName", "displayName is required");
  auto members = MemberIds(Attribute(resource, "members"));
  if (!members) return members.error();
  // Owned by the admin who made the token (an admin when the command line made it).
  auto owner = db_.Read([&](agora::store::Connection& c) -> std::optional<Id> {
    auto taken = c.Prepare("SELECT 1 FROM scim_groups s JOIN communities x ON x.id = s.community_id WHERE lower(x.name) = lower(?1)", name);
    if (taken.Next()) return std::nullopt;
    if (token.created_by) return *token.created_by;
    auto q = c.Prepare("SELECT id FROM users WHERE role = 'admin' AND active = 1 ORDER BY id LIMIT 1");
    return q.Next() ? std::optional<Id>(q.Int(0)) : std::nullopt;
  });
  if (!owner) return Error::Conflict("a group with this displayName exists", "displayName");
  auto x = communities_.CreateProvisioned(*owner, name, Name(token.name));
  if (!x) return x.error();
  db_.Write([&](agora::store::Connection& c) {
    c.Prepare("INSERT INTO scim_groups (community_id, external_id, created_at) VALUES (?1, ?2, ?3)", x->id,
              StringAttribute(resource, "externalId"), clock_.NowMs())
        .Run();
  });
  if (!members->empty())
    if (auto st = communities_.SetProvisionedMembers(x->id, *members, {}, Name(token.name)); !st) return st.error();
  return Get(x->id);
}

Status ScimGroups::SetMembers(Id id, const std::vector<Id>& wanted, const TokenInfo& token) {
  auto current = communities_.ActiveMembers(id);
  std::set<Id> want(wanted.begin(), wanted.end()), have(current.begin(), current.end());
  std::vector<Id> add, remove;
  std::set_difference(want.begin(), want.end(), have.begin(), have.end(), std::back_inserter(add));
  std::set_difference(have.begin(), have.end(), want.begin(), want.end(), std::back_inserter(remove));
  return communities_.SetProvisionedMembers(id, add, remove, Name(token.name));
}

Result<object> ScimGroups::Replace(Id id, const object& resource, const TokenInfo& token) {
  auto current = Get(id, false);
  if (!current) return current.error();
  if (auto name = StringAttribute(resource, "displayName"); !name.empty())
    if (auto st = communities_.RenameProvisioned(id, name, Name(token.name)); !st) return st.error();
  auto members = MemberIds(Attribute(resource, "members"));
  if (!members) return members.error();
  if (auto st = SetMembers(id, *members, token); !st) return st.error();
  // The provider's id of the group stays unless it names another (as for users).
  if (auto external = StringAttribute(resource, "externalId"); !external.empty())
    db_.Write([&](agora::store::Connection& c) {
      c.Prepare("UPDATE scim_groups SET external_id = ?2 WHERE community_id = ?1", id, external).Run();
    });
  return Get(id);
}

Result<object> ScimGroups::Patch(Id id, const object& patch, const TokenInfo& token) {
  if (!Get(id, false)) return Error::NotFound("no such group");
  const value* ops = Attribute(patch, "Operations");
  if (!ops || !ops->is_array() || ops->as_array().empty())
    return Error{ErrorCode::kMalformed, "a PatchOp needs Operations", "Operations", 0};
  std::vector<Id> add, remove;
  std::optional<std::vector<Id>> replace;
  std::optional<std::string> rename, external;
  for (const auto& o : ops->as_array()) {
    if (!o.is_object()) return Error{ErrorCode::kMalformed, "each operation must be an object", "Operations", 0};
    const auto& op_object = o.as_object();
    std::string op = text::AsciiLower(StringAttribute(op_object, "op"));
    if (op != "add" && op != "replace" && op != "remove") return Error{ErrorCode::kMalformed, "op must be add, replace or remove", "op", 0};
    std::string path = StringAttribute(op_object, "path");
    const value* v = Attribute(op_object, "value");
    auto members_op = [&](const value* members) -> Status {
      auto ids = MemberIds(members);
      if (!ids) return ids.error();
      if (op == "add") add.insert(add.end(), ids->begin(), ids->end());
      else if (op == "remove") remove.insert(remove.end(), ids->begin(), ids->end());
      else replace = *ids;
      return OkStatus();
    };
    const std::string lower = text::AsciiLower(path);
    if (path.empty()) {
      if (!v || !v->is_object()) return Error{ErrorCode::kInvalidField, "an operation without a path needs an object value", "value", 0};
      if (auto name = StringAttribute(v->as_object(), "displayName"); !name.empty()) rename = name;
      if (Attribute(v->as_object(), "externalId")) external = StringAttribute(v->as_object(), "externalId");
      if (const value* m = Attribute(v->as_object(), "members"))
        if (auto st = members_op(m); !st) return st.error();
    } else if (lower == "displayname") {
      if (!v || !v->is_string()) return Error{ErrorCode::kInvalidField, "displayName must be a string", "displayName", 0};
      rename = std::string(v->as_string());
    } else if (lower == "externalid") {
      external = v && v->is_string() ? std::string(v->as_string()) : "";
    } else if (lower == "members") {
      if (op == "remove" && (!v || v->is_null())) replace = std::vector<Id>{};  // remove them all
      else if (auto st = members_op(v); !st) return st.error();
    } else if (lower.starts_with("members[")) {
      // members[value eq "123"]: Okta's and Entra's way to remove one member.
      auto close = path.rfind(']');
      auto filter = ParseFilter(path.substr(8, close == std::string::npos ? std::string::npos : close - 8));
      if (!filter) return filter.error();
      auto eq = SingleEquality(**filter);
      if (!eq || eq->first != "value") return Error{ErrorCode::kMalformed, "only members[value eq \"id\"] is supported", "path", 0};
      auto member = ParseId(eq->second);
      if (!member) return Error::Invalid("members", "a member's value must be a user's id");
      if (op == "remove") remove.push_back(*member);
      else add.push_back(*member);
    } else {
      return Error{ErrorCode::kMalformed, "unknown path \"" + path + "\"", "path", 0};
    }
  }
  if (rename)
    if (auto st = communities_.RenameProvisioned(id, *rename, Name(token.name)); !st) return st.error();
  if (external)
    db_.Write([&](agora::store::Connection& c) {
      c.Prepare("UPDATE scim_groups SET external_id = ?2 WHERE community_id = ?1", id, *external).Run();
    });
  if (replace)
    if (auto st = SetMembers(id, *replace, token); !st) return st.error();
  if (!add.empty() || !remove.empty())
    if (auto st = communities_.SetProvisionedMembers(id, add, remove, Name(token.name)); !st) return st.error();
  return Get(id);
}

Status ScimGroups::Delete(Id id, const TokenInfo& token) {
  if (!Get(id, false)) return Error::NotFound("no such group");
  db_.Write([&](agora::store::Connection& c) {
    c.Prepare("DELETE FROM scim_groups WHERE community_id = ?1", id).Run();
    audit::Record(c, {ids_.Next(), std::nullopt, "scim.group.unlink", "community", id,
                      boost::json::serialize(object{{"token", token.name}}), "", clock_.NowMs()});
  });
  return OkStatus();
}

}  // namespace agora::scim
