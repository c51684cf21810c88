// A per-thread cache of authenticated credentials, so the hot path of every request does not
// query the database. No locks: each io thread has its own map.
//
// Freshness: any credential or account change (sign-out, token or session revocation,
// password change, role change, deactivation, a new name or handle) is an event on the bus
// (kAccessChanged, kAccountChanged); Apply makes every thread's entries stale at once.
// Changes made by another process that has no bus to this one (the `agora admin` command
// line) are seen when an entry's one-second life ends.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "bus/bus.h"
#include "modules/identity/model.h"

namespace agora::identity::auth_cache {

inline constexpr std::int64_t kTtlMs = 1000;

// `key` is the credential's hash with a kind prefix. Returns a copy of the principal.
std::optional<Principal> Find(const std::string& key, std::int64_t now_ms);
void Store(const std::string& key, const Principal& p, std::int64_t now_ms, std::int64_t expires_at_ms);
// Makes every cached entry on every thread stale when `e` changed an account or credential.
void Apply(const bus::Event& e);

}  // namespace agora::identity::auth_cache
