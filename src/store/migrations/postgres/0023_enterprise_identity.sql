-- Enterprise identity: single sign-on (modules/sso: OpenID Connect sign-ins in progress),
-- accounts as an identity provider or directory knows them, and directory syncs (modules/ldap).
--
-- sso_flows: one row per "Sign in with ..." click until the provider sends the browser back
-- (10 minutes). The state travels through the browser and is kept here by SHA-256 (hex); the
-- browser that began the sign-in is bound by the SHA-256 of its agora_sso cookie, so a
-- callback URL sent to someone else signs nobody in. The nonce and PKCE verifier are used once.
CREATE TABLE sso_flows (
  state_hash    TEXT PRIMARY KEY,
  provider      TEXT NOT NULL,
  browser_hash  TEXT NOT NULL,
  nonce         TEXT NOT NULL,
  code_verifier TEXT NOT NULL,
  return_to     TEXT NOT NULL DEFAULT '/',
  expires_at    BIGINT NOT NULL
);
CREATE INDEX sso_flows_by_expiry ON sso_flows(expires_at);

-- Which account a provider's subject is: (provider, subject) -> user. "ldap" (subject: the
-- entry's entryUUID/objectGUID) and "scim" are providers too; a person may be known to
-- several. photo_sha: SHA-256 (hex) of the photo the directory last gave, so that a sync
-- decodes only photos that changed.
CREATE TABLE external_identities (
  provider        TEXT NOT NULL,
  subject         TEXT NOT NULL,
  user_id         BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at      BIGINT NOT NULL,
  last_sign_in_at BIGINT NOT NULL,
  photo_sha       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (provider, subject)
);
CREATE INDEX external_identities_by_user ON external_identities(user_id);

-- The provider a session was started through ('' for a password): signing out ends the
-- provider's session too (OpenID Connect RP-Initiated Logout).
ALTER TABLE sessions ADD COLUMN sso_provider TEXT NOT NULL DEFAULT '';

-- Directory syncs, newest last: one row per run (the CLI's, a node's scheduled one, an
-- admin's), with what it changed (JSON report) or why it failed. A row without finished_at
-- is a sync in progress; a new one does not start while one ran within the last hour.
CREATE TABLE directory_syncs (
  id          BIGINT PRIMARY KEY,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT,
  dry_run     BIGINT NOT NULL DEFAULT 0,
  started_by  TEXT NOT NULL DEFAULT '',      -- cli, schedule, admin
  report      TEXT NOT NULL DEFAULT '{}',
  error       TEXT NOT NULL DEFAULT ''
);

-- Bearer tokens of SCIM clients (an identity provider provisioning people), by SHA-256;
-- made and revoked by admins, separate from people's personal access tokens.
CREATE TABLE scim_tokens (
  id           BIGINT PRIMARY KEY,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_by   BIGINT REFERENCES users(id) ON DELETE SET NULL,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT
);

-- Communities that are SCIM groups: their members follow the identity provider's group
-- (modules/scim/groups.h). external_id: the provider's id of the group, if it sent one.
CREATE TABLE scim_groups (
  community_id BIGINT PRIMARY KEY REFERENCES communities(id) ON DELETE CASCADE,
  external_id  TEXT NOT NULL DEFAULT '',
  created_at   BIGINT NOT NULL
);
