// Throttles password guessing without letting the throttle lock people out.
//
// Each attempt is counted under keys; after a number of free failures under a key, each
// further failure doubles the wait (1 s, 2 s, 4 s ... up to 15 min), and a key forgets its
// failures an hour after the last one. Which keys depends on the browser:
//
// - A browser that has signed in to this account before (its device cookie is on record
//   for the account, see IdentityService) is counted on its own, per device and account.
//   Guesses from its address, or at its account from elsewhere, never block it: an office
//   behind one NAT address keeps signing in while someone in it guesses, and an attacker
//   cannot lock a person out of the browsers they use.
// - Any other attempt is counted per account and per client address. Those limits stop
//   guessing one account and spraying many from one address; their price is that a browser
//   new to its account waits while its address or account is being attacked.
//
// Admitted attempts count as pending failures until they finish, so forty guesses sent at
// once are not all evaluated before the first failure is recorded. In memory, per node
// (across nodes each counts separately; the scale-out issue moves this to Redis).
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"

namespace agora::identity {

struct LoginAttempt {
  std::string account;  // the e-mail key tried
  std::string ip;       // the client address
  std::string device;   // set only when the browser's device cookie is on record for the account
};

class LoginLimiter {
 public:
  LoginLimiter(const Clock& clock, int free_per_account, int free_per_ip);

  // 0 when the attempt may be evaluated now (it then counts as pending until Finish);
  // otherwise the seconds to wait, and nothing is counted.
  int Admit(const LoginAttempt& attempt);
  // Ends an admitted attempt. A success clears its account's (or device's) failures; the
  // address keeps its count, so a guesser cannot reset it with one account of their own.
  void Finish(const LoginAttempt& attempt, bool success);
  // Ends an admitted attempt that could not be judged (the directory that checks the
  // password was unreachable): neither a failure nor a success.
  void Abandon(const LoginAttempt& attempt);

  static constexpr std::int64_t kMaxDelayMs = 15 * 60 * 1000;
  static constexpr std::int64_t kForgetAfterMs = 60 * 60 * 1000;

 private:
  struct Entry {
    int failures = 0;
    int pending = 0;
    std::int64_t last_failure_ms = 0;
    std::int64_t blocked_until_ms = 0;
  };
  struct Key {
    std::string name;
    int free;
    bool clear_on_success;
  };
  std::vector<Key> KeysOf(const LoginAttempt& a) const;
  // Milliseconds until `key` admits another attempt (0: now).
  std::int64_t WaitFor(const Key& key, std::int64_t now);
  void Fail(Entry& e, int free, std::int64_t now);
  void PruneIfLarge(std::int64_t now);

  const Clock& clock_;
  int free_per_account_;
  int free_per_ip_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace agora::identity
