-- Watching the wiki (issue 19): people watch a page or a whole space; a change notifies them
-- (notifications kind `wiki_change`, one unread notification per page gathering its editors),
-- and the followers of a space see its changes in their home feed as one item per editing
-- session: a person's saves of one page within 30 minutes of each other (wiki/watch.h).
CREATE TABLE wiki_page_watchers (
  page_id   INTEGER NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (page_id, person_id)
) WITHOUT ROWID;
CREATE INDEX wiki_page_watchers_by_person ON wiki_page_watchers(person_id, page_id);

CREATE TABLE wiki_space_watchers (
  space_id  INTEGER NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (space_id, person_id)
) WITHOUT ROWID;
CREATE INDEX wiki_space_watchers_by_person ON wiki_space_watchers(person_id, space_id);

CREATE TABLE wiki_edit_sessions (
  id             INTEGER PRIMARY KEY,
  page_id        INTEGER NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  space_id       INTEGER NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  author_id      INTEGER NOT NULL REFERENCES users(id),
  from_revision  INTEGER NOT NULL,  -- the revision before the session's first save
  to_revision    INTEGER NOT NULL,  -- its last save's
  saves          INTEGER NOT NULL DEFAULT 1,
  summary        TEXT NOT NULL DEFAULT '',  -- the last save's summary that said something
  started_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  feed_key       INTEGER NOT NULL    -- a time-ordered id, new at every save: the feed sorts by it
);
CREATE INDEX wiki_edit_sessions_by_space ON wiki_edit_sessions(space_id, feed_key);
CREATE INDEX wiki_edit_sessions_by_page ON wiki_edit_sessions(page_id, author_id, updated_at);

-- Review reminders: the owner of a page whose review date has come is told once (cleared
-- when the date or the owner changes). The index holds only the pages still to remind.
ALTER TABLE wiki_pages ADD COLUMN review_reminded INTEGER NOT NULL DEFAULT 0;
CREATE INDEX wiki_pages_review_due ON wiki_pages(review_by) WHERE review_by IS NOT NULL AND review_reminded = 0;
