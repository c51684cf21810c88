-- Outgoing mail, the one-time links it carries, and two-factor sign-in.
--
-- mail_outbox: a mail is queued in the same transaction as the change that causes it and sent
-- by a worker after commit (modules/mail/worker.h). A row names what to send (kind, recipient,
-- payload), not the finished text: the worker renders it when it sends, so a mail never says
-- what its recipient may no longer read, and one-time links are made only then.
CREATE TABLE mail_outbox (
  id              BIGINT PRIMARY KEY,
  kind            TEXT NOT NULL,                 -- e.g. account.activate (modules/mail/outbox.h)
  user_id         BIGINT REFERENCES users(id) ON DELETE CASCADE,  -- recipient with an account
  address         TEXT NOT NULL DEFAULT '',      -- or an address without one (invitations)
  payload         TEXT NOT NULL DEFAULT '{}',    -- JSON for the renderer; emptied once done
  state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
  attempts        BIGINT NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_until     BIGINT NOT NULL DEFAULT 0,    -- a node is sending it until then
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  finished_at     BIGINT
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE state = 'queued';
CREATE INDEX mail_outbox_by_state ON mail_outbox(state, id);

-- Links that set a password: activation of an account an admin created or imported, and
-- password reset. Only the SHA-256 (hex) of the token is kept; a link works once, until it
-- expires, and a newer link of the same purpose replaces it.
CREATE TABLE account_tokens (
  token_hash  TEXT PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose     TEXT NOT NULL CHECK (purpose IN ('activate', 'reset')),
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);
CREATE INDEX account_tokens_by_user ON account_tokens(user_id, purpose);

-- When an invitation to activate was last sent (NULL: never).
ALTER TABLE users ADD COLUMN invited_at BIGINT;

-- Two-factor sign-in with an authenticator app (TOTP, RFC 6238). The secret is pending until
-- the person proved their app has it (a code), then enabled. last_step: the time step of the
-- last code accepted, so a code works once.
CREATE TABLE two_factor (
  user_id     BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret      TEXT NOT NULL,                  -- base32
  enabled_at  BIGINT,                        -- NULL: set up but not confirmed yet
  last_step   BIGINT NOT NULL DEFAULT 0,
  created_at  BIGINT NOT NULL
);
-- One-time recovery codes (shown once), by SHA-256 (hex).
CREATE TABLE recovery_codes (
  code_hash   TEXT PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX recovery_codes_by_user ON recovery_codes(user_id);
-- A sign-in whose password was right and whose second factor is awaited (5 minutes, 5 tries).
CREATE TABLE sign_in_challenges (
  token_hash  TEXT PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at  BIGINT NOT NULL,
  attempts    BIGINT NOT NULL DEFAULT 0
);
ALTER TABLE users ADD COLUMN two_factor BIGINT NOT NULL DEFAULT 0;  -- 1: enabled (mirrors two_factor.enabled_at)

-- How each kind of notification reaches a person (absent: the kind's default, see
-- modules/notifications/model.h): app (only in Agora), email (a mail right away), daily or
-- weekly (in a digest). Off is `enabled` = 0, which keeps the delivery for when it is on again.
ALTER TABLE notification_settings ADD COLUMN delivery TEXT;
-- A notification waiting for a person's digest ('daily' or 'weekly'); NULL once in a digest,
-- read, or delivered another way.
ALTER TABLE notifications ADD COLUMN digest TEXT;
CREATE INDEX notifications_for_digest ON notifications(recipient_id) WHERE digest IS NOT NULL;
-- When each person's last digest of each cadence was queued.
CREATE TABLE digest_state (
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  cadence    TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
  last_at    BIGINT NOT NULL,
  PRIMARY KEY (person_id, cadence)
);
-- Secrets of the site (shared by every node): the key that signs unsubscribe links.
CREATE TABLE site_secrets (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
-- Settings admins change in the web client (not the configuration file), shared by every
-- node: require_two_factor_for_admins ('1' or '0').
CREATE TABLE site_settings (
  name   TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
