-- The wiki's read counts: see ../0038_wiki_reads.sql.
ALTER TABLE wiki_pages ADD COLUMN view_count BIGINT NOT NULL DEFAULT 0;
CREATE TABLE wiki_page_views (
  page_id   BIGINT NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  day       BIGINT NOT NULL,
  person_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (page_id, day, person_id)
);
CREATE INDEX wiki_pages_by_views ON wiki_pages(space_id, view_count, content_id);
CREATE INDEX wiki_pages_by_review ON wiki_pages(space_id, review_by) WHERE review_by IS NOT NULL;
