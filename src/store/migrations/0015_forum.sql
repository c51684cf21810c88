-- Forums: each community's topics (content of kind `topic` in the community, audience
-- `community`), with replies as comments on the topic. A locked content takes no new
-- comments; people who follow a content hear of each new comment.

ALTER TABLE content ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;

CREATE TABLE topics (
  content_id   INTEGER PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  body         TEXT NOT NULL,
  body_html    TEXT NOT NULL,
  question     INTEGER NOT NULL DEFAULT 0,
  sticky       INTEGER NOT NULL DEFAULT 0,
  answer_id    INTEGER REFERENCES comments(id) ON DELETE SET NULL  -- a question's accepted reply
);
CREATE INDEX topics_by_community ON topics(community_id, sticky, content_id);

CREATE TABLE content_follows (
  content_id INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (content_id, person_id)
) WITHOUT ROWID;
