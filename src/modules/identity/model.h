// Identity's plain data: accounts, roles, sign-in sessions, personal access tokens, and the
// Principal that the HTTP layer attaches to an authenticated request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"

namespace agora::identity {

// Every later module restricts guests and alumni; here the role is only recorded and shown.
enum class Role { kMember, kGuest, kAlumnus, kAdmin };
std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view s);

struct User {
  Id id = 0;
  std::string email;
  std::string handle;
  std::string display_name;
  Role role = Role::kMember;
  bool active = true;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> deactivated_at;
  bool activated = true;  // has a password or has signed in through single sign-on (an import has neither)
  std::optional<std::int64_t> invited_at;  // when an invitation to activate was last sent
  bool two_factor = false;                 // signs in with a code from an authenticator app too
  std::string language;                    // the UI language they chose (languages.h); "" = not chosen
};

struct SessionInfo {
  Id id = 0;
  Id user_id = 0;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
  std::string ip;
  std::string user_agent;
};

struct AccessToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
};

enum class CredentialKind { kSession, kToken };

// Who is making a request, and through which credential.
struct Principal {
  User user;
  CredentialKind kind = CredentialKind::kSession;
  Id credential_id = 0;    // session id or token id
  std::string csrf_token;  // sessions only: must come back in X-CSRF-Token on writes
  bool is_admin() const { return user.role == Role::kAdmin; }
};

// A new sign-in: the cookie value and CSRF token are secrets handed to the client once.
struct SignIn {
  User user;
  SessionInfo session;
  std::string cookie_token;
  std::string csrf_token;
  // The browser's device cookie after this sign-in (new or the one it sent): a browser that
  // has signed in to an account is throttled on its own (login_limiter.h).
  std::string device_token;
  // Set instead of a session when the password was right and the account signs in with a
  // second factor: the client sends it back with a code (two_factor.h).
  std::string two_factor_challenge;
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
  std::string device_token;  // the agora_device cookie, if the browser sent one
};

}  // namespace agora::identity
