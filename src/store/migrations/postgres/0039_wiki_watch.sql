-- Watching the wiki: see ../0039_wiki_watch.sql.
CREATE TABLE wiki_page_watchers (
  page_id   BIGINT NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (page_id, person_id)
);
CREATE INDEX wiki_page_watchers_by_person ON wiki_page_watchers(person_id, page_id);

CREATE TABLE wiki_space_watchers (
  space_id  BIGINT NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (space_id, person_id)
);
CREATE INDEX wiki_space_watchers_by_person ON wiki_space_watchers(person_id, space_id);

CREATE TABLE wiki_edit_sessions (
  id             BIGINT PRIMARY KEY,
  page_id        BIGINT NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  space_id       BIGINT NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  author_id      BIGINT NOT NULL REFERENCES users(id),
  from_revision  BIGINT NOT NULL,
  to_revision    BIGINT NOT NULL,
  saves          BIGINT NOT NULL DEFAULT 1,
  summary        TEXT NOT NULL DEFAULT '',
  started_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL,
  feed_key       BIGINT NOT NULL
);
CREATE INDEX wiki_edit_sessions_by_space ON wiki_edit_sessions(space_id, feed_key);
CREATE INDEX wiki_edit_sessions_by_page ON wiki_edit_sessions(page_id, author_id, updated_at);

ALTER TABLE wiki_pages ADD COLUMN review_reminded BIGINT NOT NULL DEFAULT 0;
CREATE INDEX wiki_pages_review_due ON wiki_pages(review_by) WHERE review_by IS NOT NULL AND review_reminded = 0;
