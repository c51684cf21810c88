-- The people directory: a full-text index of display names for "type a few letters of any
-- word of the name" suggestions, kept in step with users by triggers (so no code path can
-- forget it), and endorsements of expertise.

CREATE VIRTUAL TABLE people_names USING fts5(
  display_name,
  content = 'users',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 0',   -- case-folded; å stays distinct from a
  prefix = '1 2 3'
);
INSERT INTO people_names(people_names) VALUES ('rebuild');

CREATE TRIGGER people_names_insert AFTER INSERT ON users BEGIN
  INSERT INTO people_names(rowid, display_name) VALUES (new.id, new.display_name);
END;
CREATE TRIGGER people_names_delete AFTER DELETE ON users BEGIN
  INSERT INTO people_names(people_names, rowid, display_name) VALUES ('delete', old.id, old.display_name);
END;
CREATE TRIGGER people_names_update AFTER UPDATE OF display_name ON users BEGIN
  INSERT INTO people_names(people_names, rowid, display_name) VALUES ('delete', old.id, old.display_name);
  INSERT INTO people_names(rowid, display_name) VALUES (new.id, new.display_name);
END;

CREATE INDEX users_by_name ON users(display_name COLLATE NOCASE, id);

CREATE TABLE endorsements (
  user_id     INTEGER NOT NULL,
  tag         TEXT NOT NULL,
  endorser_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (user_id, tag, endorser_id),
  FOREIGN KEY (user_id, tag) REFERENCES expertise(user_id, tag) ON DELETE CASCADE
);
CREATE INDEX endorsements_by_tag ON endorsements(tag, user_id);
