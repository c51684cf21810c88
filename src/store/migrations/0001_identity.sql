-- Accounts, sign-in sessions, personal access tokens and the audit log.
-- Times are Unix milliseconds (UTC). Ids are time-ordered 64-bit ids made by the application.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL,
  email_key     TEXT NOT NULL UNIQUE,          -- trimmed, lower-cased: unique case-insensitively
  handle        TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('member', 'guest', 'alumnus', 'admin')),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  password_hash TEXT,                           -- Argon2id encoded string; NULL: cannot sign in
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  deactivated_at INTEGER
);

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   BLOB NOT NULL UNIQUE,            -- SHA-256 of the cookie value
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  ip           TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE access_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   BLOB NOT NULL UNIQUE,            -- SHA-256 of the token; the token is shown once
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
);
CREATE INDEX access_tokens_by_user ON access_tokens(user_id);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  actor_id    INTEGER,                          -- NULL for the command line / system
  action      TEXT NOT NULL,                    -- e.g. user.create, user.set_role
  target_kind TEXT NOT NULL DEFAULT '',
  target_id   INTEGER,
  detail      TEXT NOT NULL DEFAULT '{}',       -- JSON
  ip          TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE INDEX audit_log_by_target ON audit_log(target_kind, target_id);
