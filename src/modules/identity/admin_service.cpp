#include "modules/identity/admin_service.h"

#include <boost/json/serialize.hpp>

#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/identity/auth_cache.h"
#include "modules/identity/store.h"

namespace agora::identity {

AdminService::AdminService(agora::store::Database& db, IdGenerator& ids, const Clock& clock,
                           const PasswordHasher& hasher, bus::Bus* bus)
    : db_(db), ids_(ids), clock_(clock), hasher_(hasher), bus_(bus) {}

Result<User> AdminService::CreateUser(const Actor& actor, const NewAccount& account) {
  auto st = ValidateNewAccount(account);
  if (!st) return st.error();
  std::optional<std::string> hash;
  if (!account.password.empty()) hash = hasher_.Hash(account.password);  // slow: outside the lock
  return db_.Write([&](agora::store::Connection& c) -> Result<User> {
    auto now = clock_.NowMs();
    auto user = InsertAccount(c, ids_, now, account, hash);
    if (!user) return user;
    boost::json::object detail{{"email", user->email}, {"role", RoleName(user->role)}};
    audit::Record(c, {ids_.Next(), actor.user_id, "user.create", "user", user->id, boost::json::serialize(detail),
                      actor.ip, now});
    return user;
  });
}

Result<UserPage> AdminService::ListUsers(std::string_view cursor, int limit, const store::UserQuery& query) {
  Cursor after;
  if (!cursor.empty()) {
    auto c = DecodeCursor(cursor);
    if (!c) return c.error();
    after = *c;
  }
  if (!text::IsValidUtf8(query.q) || query.q.size() > 200) return Error::Invalid("q", "q must be UTF-8 text of at most 200 bytes");
  UserPage page;
  db_.Read([&](auto& c) {
    page.items = store::ListUsers(c, query, after, limit + 1);
    // Counted on the first page only: the next pages keep the figure the list started with.
    if (cursor.empty()) page.total = store::CountUsers(c, query);
  });
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(static_cast<size_t>(limit));
    const auto& last = page.items.back();
    page.next_cursor = EncodeCursor({query.sort == store::UserSort::kName ? last.display_name : std::string(), last.id});
  }
  return page;
}

Result<User> AdminService::GetUser(Id id) {
  auto found = db_.Read([&](auto& c) { return store::FindUserById(c, id); });
  if (!found) return Error::NotFound("no such user");
  return found->user;
}

Result<User> AdminService::FindByEmail(std::string_view email) {
  auto found = db_.Read([&](auto& c) { return store::FindUserByEmailKey(c, text::EmailKey(email)); });
  if (!found) return Error::NotFound("no user with that e-mail");
  return found->user;
}

Result<User> AdminService::UpdateUser(const Actor& actor, Id id, const UserChange& change) {
  auto result = ApplyChange(actor, id, change);
  if (result && bus_) {
    const bool access = change.role || change.active || change.password;
    bus_->Publish({.kind = access ? bus::Event::Kind::kAccessChanged : bus::Event::Kind::kAccountChanged,
                   .actor = actor.user_id.value_or(0), .people = {id}});
  }
  return result;
}

Result<User> AdminService::ApplyChange(const Actor& actor, Id id, const UserChange& change) {
  std::optional<std::string> name;
  if (change.display_name) {
    auto n = NormalizeDisplayName(*change.display_name);
    if (!n) return n.error();
    name = *n;
  }
  std::optional<std::string> password_hash;
  if (change.password) {
    if (auto st = ValidatePassword(*change.password, "password"); !st) return st.error();
    password_hash = hasher_.Hash(*change.password);  // slow: outside the write lock
  }
  return db_.Write([&](agora::store::Connection& c) -> Result<User> {
    auto found = store::FindUserById(c, id);
    if (!found) return Error::NotFound("no such user");
    User before = found->user;
    auto now = clock_.NowMs();
    bool loses_admin = before.role == Role::kAdmin && before.active &&
                       ((change.role && *change.role != Role::kAdmin) || (change.active && !*change.active));
    if (loses_admin && store::CountActiveAdmins(c) <= 1)
      return Error::Conflict("this is the last active admin; make someone else admin first",
                             change.active && !*change.active ? "active" : "role");
    auto record = [&](const char* action, boost::json::object detail) {
      audit::Record(c, {ids_.Next(), actor.user_id, action, "user", id, boost::json::serialize(detail), actor.ip, now});
    };
    if (change.role && *change.role != before.role) {
      store::UpdateRole(c, id, *change.role, now);
      record("user.set_role", {{"from", RoleName(before.role)}, {"to", RoleName(*change.role)}});
    }
    if (change.active && *change.active != before.active) {
      store::UpdateActive(c, id, *change.active, now);
      if (!*change.active) {
        auto ended = store::DeleteSessionsOfUser(c, id, 0);
        record("user.deactivate", {{"sessions_ended", ended}});
      } else {
        record("user.reactivate", {});
      }
    }
    if (password_hash) {
      store::UpdatePasswordHash(c, id, *password_hash, now);
      auto ended = store::DeleteSessionsOfUser(c, id, 0);
      record("user.set_password", {{"sessions_ended", ended}});
    }
    if (name && *name != before.display_name) {
      store::UpdateDisplayName(c, id, *name, now);
      record("user.rename", {{"from", before.display_name}, {"to", *name}});
    }
    return store::FindUserById(c, id)->user;
  });
}

}  // namespace agora::identity
