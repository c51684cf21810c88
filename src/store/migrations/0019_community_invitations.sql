-- Invitations by e-mail for people without an account: a one-time link (only its SHA-256 is
-- kept) that creates a guest account and makes it a member.
CREATE TABLE community_invitations (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  email        TEXT NOT NULL COLLATE NOCASE,
  token_hash   TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the token
  invited_by   INTEGER NOT NULL REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  accepted_at  INTEGER
);
