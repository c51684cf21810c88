-- Files attached to content: see ../0040_files.sql.
CREATE TABLE files (
  id         BIGINT PRIMARY KEY,
  owner_id   BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_key   TEXT NOT NULL,
  name       TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size       BIGINT NOT NULL,
  content_id BIGINT REFERENCES content(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL
);
CREATE INDEX files_by_content ON files(content_id, id) WHERE content_id IS NOT NULL;
CREATE INDEX files_unattached ON files(owner_id, created_at) WHERE content_id IS NULL;
CREATE INDEX files_by_key ON files(file_key);
