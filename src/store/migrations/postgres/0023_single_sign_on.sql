-- Single sign-on (modules/sso): OpenID Connect sign-ins in progress, and accounts as an
-- identity provider knows them.
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

-- Which account a provider's subject is: (provider, subject) -> user. "ldap" and "scim" are
-- providers too (later); a person may be known to several.
CREATE TABLE external_identities (
  provider        TEXT NOT NULL,
  subject         TEXT NOT NULL,
  user_id         BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at      BIGINT NOT NULL,
  last_sign_in_at BIGINT NOT NULL,
  PRIMARY KEY (provider, subject)
);
CREATE INDEX external_identities_by_user ON external_identities(user_id);

-- The provider a session was started through ('' for a password): signing out ends the
-- provider's session too (OpenID Connect RP-Initiated Logout).
ALTER TABLE sessions ADD COLUMN sso_provider TEXT NOT NULL DEFAULT '';
