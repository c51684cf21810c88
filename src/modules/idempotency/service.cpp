#include "modules/idempotency/service.h"

namespace agora::idempotency {
namespace {
constexpr const char* kFind =
    "SELECT route, request_hash, status, response_body, location FROM idempotency_keys"
    " WHERE user_id = ? AND key = ? AND created_at > ?";
constexpr const char* kReserve =
    "INSERT INTO idempotency_keys (user_id, key, route, request_hash, status, created_at) VALUES (?, ?, ?, ?, 0, ?)"
    " ON CONFLICT (user_id, key) DO UPDATE SET route = excluded.route, request_hash = excluded.request_hash,"
    " status = 0, response_body = '', location = '', created_at = excluded.created_at";
constexpr const char* kFinish =
    "UPDATE idempotency_keys SET status = ?, response_body = ?, location = ? WHERE user_id = ? AND key = ?";
constexpr const char* kDelete = "DELETE FROM idempotency_keys WHERE user_id = ? AND key = ?";
constexpr const char* kPrune = "DELETE FROM idempotency_keys WHERE created_at <= ?";
}  // namespace

Status IdempotencyService::ValidateKey(std::string_view key) {
  if (key.empty() || key.size() > 255) return Error::Invalid("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters");
  for (unsigned char c : key)
    if (c < 0x21 || c > 0x7E) return Error::Invalid("Idempotency-Key", "Idempotency-Key must be visible ASCII");
  return OkStatus();
}

Result<std::optional<StoredResponse>> IdempotencyService::Begin(Id user_id, std::string_view key, std::string_view route,
                                                                std::string_view request_hash) {
  auto now = clock_.NowMs();
  return db_.Write([&](agora::store::Connection& c) -> Result<std::optional<StoredResponse>> {
    // Expired keys go first, a few at a time being enough since each create prunes.
    c.Prepare(kPrune, now - kKeepMs).Run();
    auto q = c.Prepare(kFind, user_id, key, now - kKeepMs);
    if (q.Next()) {
      if (q.TextView(0) != route || q.Blob(1) != request_hash)
        return Error::Invalid("Idempotency-Key", "this Idempotency-Key was used for a different request");
      if (q.Int(2) == 0)
        return Error::Conflict("a request with this Idempotency-Key is still being processed; retry shortly",
                               "Idempotency-Key");
      return std::optional<StoredResponse>(StoredResponse{static_cast<int>(q.Int(2)), q.Text(3), q.Text(4)});
    }
    auto reserve = c.Prepare(kReserve);
    reserve.Bind(1, user_id).Bind(2, key).Bind(3, route).BindBlob(4, request_hash).Bind(5, now);
    reserve.Run();
    return std::optional<StoredResponse>();
  });
}

void IdempotencyService::Finish(Id user_id, std::string_view key, const StoredResponse& r) {
  db_.Write([&](agora::store::Connection& c) { c.Prepare(kFinish, r.status, r.body, r.location, user_id, key).Run(); });
}

void IdempotencyService::Abandon(Id user_id, std::string_view key) {
  db_.Write([&](agora::store::Connection& c) { c.Prepare(kDelete, user_id, key).Run(); });
}

}  // namespace agora::idempotency
