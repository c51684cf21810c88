-- People: profiles, expertise, the reporting line and follows.
-- A profile row is created on first edit; a person without one shows empty fields.

CREATE TABLE profiles (
  user_id          INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  pronouns         TEXT NOT NULL DEFAULT '',
  title            TEXT NOT NULL DEFAULT '',
  department       TEXT NOT NULL DEFAULT '',
  office           TEXT NOT NULL DEFAULT '',
  country          TEXT NOT NULL DEFAULT '',      -- ISO 3166-1 alpha-2, upper case
  timezone         TEXT NOT NULL DEFAULT '',      -- IANA name, e.g. Europe/Stockholm
  bio              TEXT NOT NULL DEFAULT '',      -- Markdown source
  phone            TEXT NOT NULL DEFAULT '',
  phone_visibility TEXT NOT NULL DEFAULT 'members' CHECK (phone_visibility IN ('members', 'private')),
  chat             TEXT NOT NULL DEFAULT '',
  chat_visibility  TEXT NOT NULL DEFAULT 'members' CHECK (chat_visibility IN ('members', 'private')),
  email_visibility TEXT NOT NULL DEFAULT 'members' CHECK (email_visibility IN ('members', 'private')),
  manager_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX profiles_by_manager ON profiles(manager_id);
CREATE INDEX profiles_by_department ON profiles(department);
CREATE INDEX profiles_by_country ON profiles(country);

CREATE TABLE expertise (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tag     TEXT NOT NULL,                          -- normalized: trimmed, lower case
  PRIMARY KEY (user_id, tag)
);
CREATE INDEX expertise_by_tag ON expertise(tag, user_id);

CREATE TABLE follows (
  follower_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  followee_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE INDEX follows_by_followee ON follows(followee_id, follower_id);
