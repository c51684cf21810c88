-- Names found whatever the searcher's script or spelling ("asa" finds Åsa, "ivanov" Иванов,
-- "mueller" Müller): users.name_words holds every spelling of the name's words
-- (core/name_words.h), written with the name by identity's store and filled for existing
-- people by store::Migrate (it needs ICU, which SQL here cannot call). The full-text index
-- and the in-memory index now read these words instead of the display name.
ALTER TABLE users ADD COLUMN name_words TEXT NOT NULL DEFAULT '';

DROP TRIGGER people_names_insert;
DROP TRIGGER people_names_delete;
DROP TRIGGER people_names_update;
DROP TABLE people_names;
CREATE VIRTUAL TABLE people_names USING fts5(
  name_words,
  content = 'users',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
-- Indexes the (empty) words of everyone already there: a later 'delete' must find them.
INSERT INTO people_names(people_names) VALUES ('rebuild');
CREATE TRIGGER people_names_insert AFTER INSERT ON users BEGIN
  INSERT INTO people_names(rowid, name_words) VALUES (new.id, new.name_words);
END;
CREATE TRIGGER people_names_delete AFTER DELETE ON users BEGIN
  INSERT INTO people_names(people_names, rowid, name_words) VALUES ('delete', old.id, old.name_words);
END;
CREATE TRIGGER people_names_update AFTER UPDATE OF name_words ON users BEGIN
  INSERT INTO people_names(people_names, rowid, name_words) VALUES ('delete', old.id, old.name_words);
  INSERT INTO people_names(rowid, name_words) VALUES (new.id, new.name_words);
END;

-- The in-memory name index (people/name_index.h) follows the words too.
DROP TRIGGER name_changes_update;
CREATE TRIGGER name_changes_update AFTER UPDATE OF display_name, name_words, role, active ON users BEGIN
  INSERT INTO name_changes (user_id) VALUES (new.id);
END;
