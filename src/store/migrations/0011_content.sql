-- Content shared by every kind (DESIGN.md "Content model"): one row per item with its
-- audience, and what hangs off its id: the readers of restricted content, hashtags,
-- mentions, the edit history, comments and reactions. Status updates (posts) are the first
-- kind. Deleting a content row deletes everything that hangs off it (ON DELETE CASCADE),
-- notifications included.

CREATE TABLE content (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL,                 -- post (later: blog_entry, wiki_page, topic, ...)
  author_id      INTEGER NOT NULL REFERENCES users(id),
  container_id   INTEGER,                       -- NULL: the author's own space (later: community, blog)
  audience       TEXT NOT NULL CHECK (audience IN ('public', 'organization', 'community', 'restricted', 'private')),
  created_at     INTEGER NOT NULL,
  edited_at      INTEGER,
  comment_count  INTEGER NOT NULL DEFAULT 0,
  reaction_count INTEGER NOT NULL DEFAULT 0,
  share_count    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX content_by_author ON content(author_id, id);

-- Who may read a `restricted` content besides its author.
CREATE TABLE content_readers (
  content_id INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (content_id, person_id)
) WITHOUT ROWID;
CREATE INDEX content_readers_by_person ON content_readers(person_id, content_id);

CREATE TABLE posts (
  content_id INTEGER PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  body       TEXT NOT NULL,                     -- Markdown source
  body_html  TEXT NOT NULL,                     -- rendered by cmark-gfm (safe mode) with mention and tag links
  share_of   INTEGER REFERENCES content(id) ON DELETE SET NULL,  -- NULL too when the original was deleted
  is_share   INTEGER NOT NULL DEFAULT 0 CHECK (is_share IN (0, 1))
);

-- The earlier versions of an edited body (revision 1 is the original); the current one is
-- in the kind's own table, so content that was never edited stores its text once.
CREATE TABLE content_revisions (
  content_id INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  revision   INTEGER NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (content_id, revision)
) WITHOUT ROWID;

CREATE TABLE content_tags (
  tag        TEXT NOT NULL,                     -- lower case, without '#'
  content_id INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  PRIMARY KEY (tag, content_id)
) WITHOUT ROWID;
CREATE INDEX content_tags_by_content ON content_tags(content_id);

CREATE TABLE content_mentions (
  content_id INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (content_id, person_id)
) WITHOUT ROWID;

CREATE TABLE tag_follows (
  person_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tag        TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (person_id, tag)
) WITHOUT ROWID;
CREATE INDEX tag_follows_by_tag ON tag_follows(tag, person_id);  -- who follows a hashtag (live push)

-- Two levels: a comment, or a reply to a top-level comment of the same content.
CREATE TABLE comments (
  id             INTEGER PRIMARY KEY,
  content_id     INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  author_id      INTEGER NOT NULL REFERENCES users(id),
  reply_to       INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  body           TEXT NOT NULL,
  body_html      TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  edited_at      INTEGER,
  reaction_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX comments_by_content ON comments(content_id, id);
CREATE INDEX comments_by_reply ON comments(reply_to) WHERE reply_to IS NOT NULL;

-- One reaction per person on a target: a content, or one of its comments (ids are unique
-- across both). content_id is the content the target belongs to, so deleting it deletes them.
CREATE TABLE reactions (
  target_id  INTEGER NOT NULL,
  person_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  content_id INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (target_id, person_id)
) WITHOUT ROWID;
CREATE INDEX reactions_by_content ON reactions(content_id);
CREATE INDEX reactions_by_target_kind ON reactions(target_id, kind, created_at);

-- Reactions per target and kind, kept by the writer (a feed page shows them for 20 items).
CREATE TABLE reaction_counts (
  target_id  INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  count      INTEGER NOT NULL,
  content_id INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  PRIMARY KEY (target_id, kind)
) WITHOUT ROWID;
CREATE INDEX reaction_counts_by_content ON reaction_counts(content_id);

-- Notifications, written in the same transaction as the change that causes them. Reactions
-- on one target group into one unread row ("Ana and 12 others reacted"): group_key names the
-- group, notification_actors holds who is in it.
CREATE TABLE notifications (
  id           INTEGER PRIMARY KEY,
  recipient_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL,                   -- mention, comment, reply, reaction, follow, share
  actor_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,  -- the latest actor
  actor_count  INTEGER NOT NULL DEFAULT 1,
  content_id   INTEGER REFERENCES content(id) ON DELETE CASCADE,
  comment_id   INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  group_key    TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  read_at      INTEGER
);
CREATE INDEX notifications_by_recipient ON notifications(recipient_id, updated_at, id);
CREATE INDEX notifications_unread ON notifications(recipient_id) WHERE read_at IS NULL;
CREATE UNIQUE INDEX notifications_open_group ON notifications(recipient_id, group_key)
  WHERE read_at IS NULL AND group_key IS NOT NULL;
CREATE INDEX notifications_by_content ON notifications(content_id) WHERE content_id IS NOT NULL;
CREATE INDEX notifications_by_comment ON notifications(comment_id) WHERE comment_id IS NOT NULL;

CREATE TABLE notification_actors (
  notification_id INTEGER NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  actor_id        INTEGER NOT NULL,
  PRIMARY KEY (notification_id, actor_id)
);  -- a rowid table: the latest actor is the highest rowid

-- Kinds a person turned off (absent: on).
CREATE TABLE notification_settings (
  person_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL,
  enabled   INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  PRIMARY KEY (person_id, kind)
) WITHOUT ROWID;
