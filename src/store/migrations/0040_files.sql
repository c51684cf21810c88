-- Files attached to content (wiki pages first): a writer uploads one, it waits unattached
-- until the page that links to it is saved, and from then on whoever may read the page may
-- download it. Deleting the content deletes its files' rows (their bytes stay while another
-- row names them; an upload never attached is removed a day later).

CREATE TABLE files (
  id         INTEGER PRIMARY KEY,
  owner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  file_key   TEXT NOT NULL,     -- SHA-256 of the bytes: media/ab/<key>.file
  name       TEXT NOT NULL,     -- as uploaded: shown, and the download's name
  media_type TEXT NOT NULL,     -- what libmagic reads in the bytes
  size       INTEGER NOT NULL,  -- bytes
  content_id INTEGER REFERENCES content(id) ON DELETE CASCADE,  -- NULL until attached
  created_at INTEGER NOT NULL
);
CREATE INDEX files_by_content ON files(content_id, id) WHERE content_id IS NOT NULL;
CREATE INDEX files_unattached ON files(owner_id, created_at) WHERE content_id IS NULL;
CREATE INDEX files_by_key ON files(file_key);
