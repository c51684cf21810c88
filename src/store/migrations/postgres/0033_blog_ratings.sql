-- Blog ratings: see ../0033_blog_ratings.sql.
CREATE TABLE blog_entry_recommendations (
  content_id BIGINT NOT NULL REFERENCES blog_entries(content_id) ON DELETE CASCADE,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (content_id, person_id)
);
CREATE TABLE blog_entry_readers (
  content_id BIGINT NOT NULL REFERENCES blog_entries(content_id) ON DELETE CASCADE,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (content_id, person_id)
);
CREATE TABLE blog_entry_views (
  content_id BIGINT NOT NULL REFERENCES blog_entries(content_id) ON DELETE CASCADE,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  day        BIGINT NOT NULL,  -- days since 1970-01-01, UTC
  PRIMARY KEY (content_id, day, person_id)
);
-- The people credited beside its author, in order: writers of the blog, who edit it as its
-- author does and read it as a draft.
CREATE TABLE blog_entry_authors (
  content_id BIGINT NOT NULL REFERENCES blog_entries(content_id) ON DELETE CASCADE,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  position   BIGINT NOT NULL,
  PRIMARY KEY (content_id, person_id)
);
CREATE INDEX blog_entry_authors_by_person ON blog_entry_authors(person_id, content_id);
CREATE TABLE blog_followers (
  blog_id    BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  person_id  BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (blog_id, person_id)
);
CREATE INDEX blog_followers_by_person ON blog_followers(person_id, blog_id);

ALTER TABLE blog_entries ADD COLUMN recommend_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE blog_entries ADD COLUMN reader_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE blog_entries ADD COLUMN view_count BIGINT NOT NULL DEFAULT 0;
-- Each change of its text is a new version: a save names the version it began from (If-Match).
ALTER TABLE blog_entries ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE blog_entries ADD COLUMN rank DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE blogs ADD COLUMN follower_count BIGINT NOT NULL DEFAULT 0;
-- When its published entries last changed (an Atom feed's cache is good until then).
ALTER TABLE blogs ADD COLUMN changed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE blogs ADD COLUMN rank DOUBLE PRECISION NOT NULL DEFAULT 0;
-- A draft to be published at a time, by whom (blogs/scheduler.h): still a draft until then.
ALTER TABLE blog_entries ADD COLUMN scheduled_at BIGINT;
ALTER TABLE blog_entries ADD COLUMN scheduled_by BIGINT REFERENCES users(id) ON DELETE SET NULL;
CREATE INDEX blog_entries_scheduled ON blog_entries(scheduled_at) WHERE scheduled_at IS NOT NULL;
CREATE INDEX blogs_by_followers ON blogs(follower_count, id);
CREATE INDEX blogs_by_rank ON blogs(rank, id);
