-- Idempotency-Key: the response to the first request with a key is kept for a day and
-- replayed to retries, so a retried create never creates twice.
CREATE TABLE idempotency_keys (
  user_id       INTEGER NOT NULL,
  key           TEXT NOT NULL,
  route         TEXT NOT NULL,               -- "POST /api/v1/admin/users"
  request_hash  BLOB NOT NULL,               -- SHA-256 of the route, path and body
  status        INTEGER NOT NULL,            -- 0 while the first request is still running
  response_body TEXT NOT NULL DEFAULT '',
  location      TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_by_time ON idempotency_keys(created_at);
