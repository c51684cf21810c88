// Idempotency-Key support for creates (DESIGN.md "HTTP API"). A route opts in; the HTTP
// layer calls Begin before the handler and Finish after it. The first request with a key
// runs; its response (status, body, Location) is stored for 24 hours per person and key and
// replayed to any retry with the same request. The same key with a different request is 422;
// a retry while the first is still running is 409. Server errors (5xx) are not stored, so a
// retry after one runs again. Routes whose response holds a secret (a new access token)
// must not opt in: the stored body would keep the secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "store/database.h"

namespace agora::idempotency {

struct StoredResponse {
  int status = 0;
  std::string body;
  std::string location;
};

class IdempotencyService {
 public:
  IdempotencyService(agora::store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Keys: 1 to 255 visible ASCII characters (kInvalidField naming "Idempotency-Key").
  static Status ValidateKey(std::string_view key);
  // nullopt: proceed (the key is now reserved). A value: replay it. Error: 409 or 422.
  Result<std::optional<StoredResponse>> Begin(Id user_id, std::string_view key, std::string_view route,
                                              std::string_view request_hash);
  void Finish(Id user_id, std::string_view key, const StoredResponse& response);
  // Releases the key after a server error so a retry runs again.
  void Abandon(Id user_id, std::string_view key);

  static constexpr std::int64_t kKeepMs = 24 * 3600 * 1000;

 private:
  agora::store::Database& db_;
  const Clock& clock_;
};

}  // namespace agora::idempotency
