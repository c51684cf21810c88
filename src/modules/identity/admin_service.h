// Site administration of accounts: list, create, change role, deactivate and reactivate.
// Used by the admin API and by `agora admin ...` on the command line. Every change is written
// to the audit log in the same transaction. There is always at least one active admin.
#pragma once

#include <functional>

#include <optional>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/cursor.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/model.h"
#include "modules/identity/passwords.h"
#include "modules/identity/store.h"
#include "modules/identity/service.h"
#include "store/database.h"

namespace agora::identity {

struct Actor {
  std::optional<Id> user_id;  // nullopt: the command line
  std::string ip;
};

// Fields left empty are not changed. Build with designated initializers: {.active = false}.
struct UserChange {
  std::optional<Role> role = std::nullopt;
  std::optional<bool> active = std::nullopt;
  std::optional<std::string> display_name = std::nullopt;
  std::optional<std::string> password = std::nullopt;  // sets it and ends the person's sessions
};

struct UserPage {
  std::vector<User> items;
  std::optional<std::string> next_cursor;
  std::optional<std::int64_t> total;  // how many match, on the first page only
};

class AdminService {
 public:
  // `bus` hears of every account change after it commits (bus.h kAccountChanged,
  // kAccessChanged): cached credentials carry the account, open streams its access.
  AdminService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, const PasswordHasher& hasher,
               bus::Bus* bus = nullptr);

  Result<User> CreateUser(const Actor& actor, const NewAccount& account);
  // Users filtered (store::UserQuery) in creation order, newest first or by name.
  Result<UserPage> ListUsers(std::string_view cursor, int limit, const store::UserQuery& query);
  Result<User> GetUser(Id id);
  Result<User> FindByEmail(std::string_view email);
  // Deactivating signs the person out everywhere (sessions deleted; tokens stop working
  // while inactive), and so does setting a password. Refuses (409) to leave the site
  // without an active admin.
  Result<User> UpdateUser(const Actor& actor, Id id, const UserChange& change);

 private:
  Result<User> ApplyChange(const Actor& actor, Id id, const UserChange& change);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  bus::Bus* bus_;
};

}  // namespace agora::identity
