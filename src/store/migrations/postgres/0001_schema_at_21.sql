-- The whole schema as it stood at version 21, for a new PostgreSQL database (versions 2 to 21
-- have nothing left to do on PostgreSQL: store/migrations.h, kPostgresBaseline).
-- The same tables, columns, keys and indexes as SQLite's 0001..0021, in PostgreSQL's words:
-- 64-bit integers everywhere (SQLite's INTEGER), BYTEA for BLOB, ICU collations for the name
-- sort orders (core/collation.h) and a GIN index over names for SQLite's FTS5 table.
-- The database must be created with ENCODING 'UTF8' LOCALE 'C.UTF-8' (docs/operations.md):
-- lower() and the word classes below then fold and split every script as core/text.cpp does.

-- ---- Collations ----
-- The name sort orders, with the ICU locales collation.h opens (no options: CLDR defaults).
CREATE COLLATION agora_root (provider = icu, locale = 'und');
CREATE COLLATION agora_sv (provider = icu, locale = 'sv');
CREATE COLLATION agora_nb (provider = icu, locale = 'nb');
CREATE COLLATION agora_es (provider = icu, locale = 'es');
CREATE COLLATION agora_ru (provider = icu, locale = 'ru');
CREATE COLLATION agora_ja (provider = icu, locale = 'ja');
-- SQLite's built-in NOCASE (case-insensitive order): the columns that use it hold lower-case
-- handles and e-mail addresses, so only the order of names depends on it. Deterministic, so
-- that LIKE works on these columns and equal means byte-equal as in SQLite.
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2');

-- ---- Functions ----
-- agora_words_start_with(text, query): true when every word of `query` starts a word of
-- `text`, case-folded; words are runs of letters and digits (core/text.h, FoldedWords).
CREATE FUNCTION agora_words_start_with(name text, query text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(bool_and(EXISTS (
           SELECT 1 FROM unnest(regexp_split_to_array(lower(name), '[^[:alnum:]]+')) AS w WHERE starts_with(w, q))), true)
  FROM unnest(regexp_split_to_array(lower(query), '[^[:alnum:]]+')) AS q WHERE q <> ''
$$;
-- The words of an FTS5 prefix query as modules/people/service.cpp writes it ("anna" AND "sv"*).
CREATE FUNCTION agora_name_words(expr text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(replace(m[1], '""', '"'), ' '), '') FROM regexp_matches(expr, '"((?:[^"]|"")*)"', 'g') AS m
$$;
-- The same query as a tsquery of word prefixes, for the GIN index over names.
CREATE FUNCTION agora_name_tsquery(expr text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsquery('simple', coalesce(string_agg(quote_literal(w) || ':*', ' & '), ''))
  FROM unnest(regexp_split_to_array(lower(agora_name_words(expr)), '[^[:alnum:]]+')) AS w WHERE w <> ''
$$;

-- ---- Identity (0001, 0002, 0020) ----
CREATE TABLE users (
  id             BIGINT PRIMARY KEY,
  email          TEXT NOT NULL,
  email_key      TEXT NOT NULL UNIQUE,
  handle         TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('member', 'guest', 'alumnus', 'admin')),
  active         BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  password_hash  TEXT,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL,
  deactivated_at BIGINT
);
CREATE TABLE sessions (
  id           BIGINT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash   BYTEA NOT NULL UNIQUE,
  csrf_token   TEXT NOT NULL,
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  ip           TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE TABLE access_tokens (
  id           BIGINT PRIMARY KEY,
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   BYTEA NOT NULL UNIQUE,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT
);
CREATE INDEX access_tokens_by_user ON access_tokens(user_id);
CREATE TABLE audit_log (
  id          BIGINT PRIMARY KEY,
  actor_id    BIGINT,
  action      TEXT NOT NULL,
  target_kind TEXT NOT NULL DEFAULT '',
  target_id   BIGINT,
  detail      TEXT NOT NULL DEFAULT '{}',
  ip          TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX audit_log_by_target ON audit_log(target_kind, target_id);
CREATE TABLE idempotency_keys (
  user_id       BIGINT NOT NULL,
  key           TEXT NOT NULL,
  route         TEXT NOT NULL,
  request_hash  BYTEA NOT NULL,
  status        BIGINT NOT NULL,
  response_body TEXT NOT NULL DEFAULT '',
  location      TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_by_time ON idempotency_keys(created_at);
CREATE TABLE trusted_devices (
  token_hash   TEXT NOT NULL,
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  PRIMARY KEY (token_hash, user_id)
);
CREATE INDEX trusted_devices_by_user ON trusted_devices(user_id, last_used_at);

-- ---- People (0003..0010) ----
CREATE TABLE profiles (
  user_id          BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  pronouns         TEXT NOT NULL DEFAULT '',
  title            TEXT NOT NULL DEFAULT '',
  department       TEXT NOT NULL DEFAULT '',
  office           TEXT NOT NULL DEFAULT '',
  country          TEXT NOT NULL DEFAULT '',
  timezone         TEXT NOT NULL DEFAULT '',
  bio              TEXT NOT NULL DEFAULT '',
  phone            TEXT NOT NULL DEFAULT '',
  phone_visibility TEXT NOT NULL DEFAULT 'members' CHECK (phone_visibility IN ('members', 'private')),
  chat             TEXT NOT NULL DEFAULT '',
  chat_visibility  TEXT NOT NULL DEFAULT 'members' CHECK (chat_visibility IN ('members', 'private')),
  email_visibility TEXT NOT NULL DEFAULT 'members' CHECK (email_visibility IN ('members', 'private')),
  manager_id       BIGINT REFERENCES users(id) ON DELETE SET NULL,
  updated_at       BIGINT NOT NULL,
  languages        TEXT NOT NULL DEFAULT '[]',
  links            TEXT NOT NULL DEFAULT '[]',
  photo            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX profiles_by_manager ON profiles(manager_id);
CREATE INDEX profiles_by_department ON profiles(department);
CREATE INDEX profiles_by_country ON profiles(country);
CREATE INDEX profiles_by_photo ON profiles(photo) WHERE photo != '';
CREATE TABLE expertise (
  user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tag          TEXT NOT NULL,
  endorsements BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, tag)
);
CREATE INDEX expertise_by_tag ON expertise(tag, user_id);
CREATE INDEX expertise_by_rank ON expertise(tag, endorsements DESC, user_id);
CREATE TABLE endorsements (
  user_id     BIGINT NOT NULL,
  tag         TEXT NOT NULL,
  endorser_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (user_id, tag, endorser_id),
  FOREIGN KEY (user_id, tag) REFERENCES expertise(user_id, tag) ON DELETE CASCADE
);
CREATE INDEX endorsements_by_tag ON endorsements(tag, user_id);
CREATE FUNCTION agora_count_endorsement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE expertise SET endorsements = endorsements + 1 WHERE user_id = NEW.user_id AND tag = NEW.tag;
  ELSE
    UPDATE expertise SET endorsements = endorsements - 1 WHERE user_id = OLD.user_id AND tag = OLD.tag;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER endorsements_count AFTER INSERT OR DELETE ON endorsements
  FOR EACH ROW EXECUTE FUNCTION agora_count_endorsement();
CREATE TABLE handle_history (
  handle     TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  changed_at BIGINT NOT NULL
);
CREATE INDEX handle_history_by_user ON handle_history(user_id);
-- Names in each sort order (0008) and by word prefix (SQLite's people_names, 0004).
CREATE INDEX users_by_name_root ON users(display_name COLLATE agora_root, id);
CREATE INDEX users_by_name_sv ON users(display_name COLLATE agora_sv, id);
CREATE INDEX users_by_name_nb ON users(display_name COLLATE agora_nb, id);
CREATE INDEX users_by_name_es ON users(display_name COLLATE agora_es, id);
CREATE INDEX users_by_name_ru ON users(display_name COLLATE agora_ru, id);
CREATE INDEX users_by_name_ja ON users(display_name COLLATE agora_ja, id);
CREATE INDEX users_by_name_words ON users USING gin (to_tsvector('simple', display_name));
CREATE TABLE store_facts (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE follows (
  follower_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  followee_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (follower_id, followee_id)
);
CREATE TABLE followers (
  followee_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  follower_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (followee_id, follower_id)
);
-- Every change of a name, role or activity, in commit order, for the in-memory name index.
CREATE TABLE name_changes (
  seq     BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  user_id BIGINT NOT NULL
);
CREATE FUNCTION agora_note_name_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO name_changes (user_id) VALUES (NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER name_changes_insert AFTER INSERT ON users
  FOR EACH ROW EXECUTE FUNCTION agora_note_name_change();
CREATE TRIGGER name_changes_update AFTER UPDATE OF display_name, role, active ON users
  FOR EACH ROW EXECUTE FUNCTION agora_note_name_change();

-- ---- Content (0011..0013) ----
CREATE TABLE content (
  id             BIGINT PRIMARY KEY,
  kind           TEXT NOT NULL,
  author_id      BIGINT NOT NULL REFERENCES users(id),
  container_id   BIGINT,
  audience       TEXT NOT NULL CHECK (audience IN ('public', 'organization', 'community', 'restricted', 'private')),
  created_at     BIGINT NOT NULL,
  edited_at      BIGINT,
  comment_count  BIGINT NOT NULL DEFAULT 0,
  reaction_count BIGINT NOT NULL DEFAULT 0,
  share_count    BIGINT NOT NULL DEFAULT 0,
  locked         BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX content_by_author ON content(author_id, id);
CREATE INDEX content_by_container ON content(container_id, id) WHERE container_id IS NOT NULL;
CREATE TABLE content_readers (
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (content_id, person_id)
);
CREATE INDEX content_readers_by_person ON content_readers(person_id, content_id);
CREATE TABLE posts (
  content_id BIGINT PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  body       TEXT NOT NULL,
  body_html  TEXT NOT NULL,
  share_of   BIGINT REFERENCES content(id) ON DELETE SET NULL,
  is_share   BIGINT NOT NULL DEFAULT 0 CHECK (is_share IN (0, 1))
);
CREATE TABLE content_revisions (
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  revision   BIGINT NOT NULL,
  body       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (content_id, revision)
);
CREATE TABLE content_tags (
  tag        TEXT NOT NULL,
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  PRIMARY KEY (tag, content_id)
);
CREATE INDEX content_tags_by_content ON content_tags(content_id);
CREATE TABLE content_mentions (
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (content_id, person_id)
);
CREATE TABLE tag_follows (
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tag        TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (person_id, tag)
);
CREATE INDEX tag_follows_by_tag ON tag_follows(tag, person_id);
CREATE TABLE comments (
  id             BIGINT PRIMARY KEY,
  content_id     BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  author_id      BIGINT NOT NULL REFERENCES users(id),
  reply_to       BIGINT REFERENCES comments(id) ON DELETE CASCADE,
  body           TEXT NOT NULL,
  body_html      TEXT NOT NULL,
  created_at     BIGINT NOT NULL,
  edited_at      BIGINT,
  reaction_count BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX comments_by_content ON comments(content_id, id);
CREATE INDEX comments_by_reply ON comments(reply_to) WHERE reply_to IS NOT NULL;
CREATE TABLE reactions (
  target_id  BIGINT NOT NULL,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (target_id, person_id)
);
CREATE INDEX reactions_by_content ON reactions(content_id);
CREATE INDEX reactions_by_target_kind ON reactions(target_id, kind, created_at);
CREATE INDEX reactions_by_person ON reactions(person_id, target_id, kind);
CREATE TABLE reaction_counts (
  target_id  BIGINT NOT NULL,
  kind       TEXT NOT NULL,
  count      BIGINT NOT NULL,
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  PRIMARY KEY (target_id, kind)
);
CREATE INDEX reaction_counts_by_content ON reaction_counts(content_id);

-- ---- Images (0012) ----
CREATE TABLE images (
  id         BIGINT PRIMARY KEY,
  owner_id   BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_key   TEXT NOT NULL,
  width      BIGINT NOT NULL,
  height     BIGINT NOT NULL,
  alt        TEXT NOT NULL DEFAULT '',
  content_id BIGINT REFERENCES content(id) ON DELETE CASCADE,
  position   BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX images_by_content ON images(content_id, position) WHERE content_id IS NOT NULL;
CREATE INDEX images_unattached ON images(owner_id, created_at) WHERE content_id IS NULL;
CREATE INDEX images_by_key ON images(file_key);

-- ---- Communities and forums (0014..0019) ----
CREATE TABLE communities (
  id               BIGINT PRIMARY KEY,
  handle           TEXT COLLATE nocase NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  description_html TEXT NOT NULL DEFAULT '',
  type             TEXT NOT NULL CHECK (type IN ('open', 'moderated', 'restricted')),
  listed           BIGINT NOT NULL DEFAULT 1,
  allow_guests     BIGINT NOT NULL DEFAULT 0,
  alumni           BIGINT NOT NULL DEFAULT 0,
  member_count     BIGINT NOT NULL DEFAULT 0,
  created_by       BIGINT NOT NULL REFERENCES users(id),
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  avatar_key       TEXT,
  banner_key       TEXT
);
CREATE INDEX communities_by_name ON communities(name COLLATE nocase, id);
CREATE TABLE community_tags (
  community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  tag          TEXT NOT NULL,
  PRIMARY KEY (community_id, tag)
);
CREATE INDEX community_tags_by_tag ON community_tags(tag, community_id);
CREATE TABLE community_members (
  community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  person_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('owner', 'moderator', 'member')),
  state        TEXT NOT NULL CHECK (state IN ('active', 'pending', 'invited', 'banned')),
  muted        BIGINT NOT NULL DEFAULT 0,
  invited_by   BIGINT,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  PRIMARY KEY (community_id, person_id)
);
CREATE INDEX community_members_by_person ON community_members(person_id, state, community_id);
CREATE TABLE topics (
  content_id   BIGINT PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  body_html    TEXT NOT NULL,
  question     BIGINT NOT NULL DEFAULT 0,
  sticky       BIGINT NOT NULL DEFAULT 0,
  answer_id    BIGINT REFERENCES comments(id) ON DELETE SET NULL
);
CREATE INDEX topics_by_community ON topics(community_id, sticky, content_id);
CREATE TABLE content_follows (
  content_id BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (content_id, person_id)
);
CREATE TABLE community_pins (
  community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  content_id   BIGINT NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  pinned_by    BIGINT NOT NULL REFERENCES users(id),
  pinned_at    BIGINT NOT NULL,
  PRIMARY KEY (community_id, content_id)
);
CREATE TABLE community_invitations (
  id           BIGINT PRIMARY KEY,
  community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  email        TEXT COLLATE nocase NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  invited_by   BIGINT NOT NULL REFERENCES users(id),
  created_at   BIGINT NOT NULL,
  expires_at   BIGINT NOT NULL,
  accepted_at  BIGINT
);

-- ---- Notifications (0011, 0016) ----
CREATE TABLE notifications (
  id           BIGINT PRIMARY KEY,
  recipient_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,
  actor_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  actor_count  BIGINT NOT NULL DEFAULT 1,
  content_id   BIGINT REFERENCES content(id) ON DELETE CASCADE,
  comment_id   BIGINT REFERENCES comments(id) ON DELETE CASCADE,
  group_key    TEXT,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  read_at      BIGINT,
  community_id BIGINT REFERENCES communities(id) ON DELETE CASCADE
);
CREATE INDEX notifications_by_recipient ON notifications(recipient_id, updated_at, id);
CREATE INDEX notifications_unread ON notifications(recipient_id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_open_group ON notifications(recipient_id, group_key)
  WHERE read_at IS NULL AND group_key IS NOT NULL;
CREATE INDEX notifications_by_content ON notifications(content_id) WHERE content_id IS NOT NULL;
CREATE INDEX notifications_by_comment ON notifications(comment_id) WHERE comment_id IS NOT NULL;
-- rowid: SQLite's implicit insertion order, which the writer reads ("the latest actor").
CREATE TABLE notification_actors (
  notification_id BIGINT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  actor_id        BIGINT NOT NULL,
  rowid           BIGINT GENERATED BY DEFAULT AS IDENTITY,
  PRIMARY KEY (notification_id, actor_id)
);
CREATE TABLE notification_settings (
  person_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,
  enabled   BIGINT NOT NULL CHECK (enabled IN (0, 1)),
  PRIMARY KEY (person_id, kind)
);
