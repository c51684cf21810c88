-- Browsers that have signed in to an account, by the SHA-256 (hex) of their agora_device
-- cookie. A sign-in from one of them is throttled on its own, not with the guesses coming
-- from its address or aimed at its account (modules/identity/login_limiter.h).
CREATE TABLE trusted_devices (
  token_hash   TEXT NOT NULL,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  PRIMARY KEY (token_hash, user_id)
);
CREATE INDEX trusted_devices_by_user ON trusted_devices(user_id, last_used_at);
