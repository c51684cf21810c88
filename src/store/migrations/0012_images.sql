-- Pictures attached to content (posts first; blogs and the wiki later). A person uploads an
-- image, which waits unattached until the content that uses it is created; deleting the
-- content deletes its images' rows (the service removes files nobody else uses).

CREATE TABLE images (
  id         INTEGER PRIMARY KEY,
  owner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_key   TEXT NOT NULL,     -- SHA-256 of the largest rendition: media/ab/<key>-<size>.webp
  width      INTEGER NOT NULL,  -- of the largest rendition
  height     INTEGER NOT NULL,
  alt        TEXT NOT NULL DEFAULT '',
  content_id INTEGER REFERENCES content(id) ON DELETE CASCADE,  -- NULL until attached
  position   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX images_by_content ON images(content_id, position) WHERE content_id IS NOT NULL;
CREATE INDEX images_unattached ON images(owner_id, created_at) WHERE content_id IS NULL;
CREATE INDEX images_by_key ON images(file_key);
