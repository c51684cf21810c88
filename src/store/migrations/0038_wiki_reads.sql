-- The wiki's read counts (issue 19): a page's views are its readers per day (a reload is no
-- view), counted in view_count; "most read" per space sorts on it. Pages to review: by date.
ALTER TABLE wiki_pages ADD COLUMN view_count INTEGER NOT NULL DEFAULT 0;
CREATE TABLE wiki_page_views (
  page_id   INTEGER NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  day       INTEGER NOT NULL,  -- days since 1970-01-01, UTC
  person_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (page_id, day, person_id)
) WITHOUT ROWID;
CREATE INDEX wiki_pages_by_views ON wiki_pages(space_id, view_count, content_id);
CREATE INDEX wiki_pages_by_review ON wiki_pages(space_id, review_by) WHERE review_by IS NOT NULL;
