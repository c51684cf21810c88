-- A log of changes to what name suggestions use (a name, a role, whether active), so that
-- every process keeping names in memory (people/name_index.h) can catch up with writes made
-- by any other: the server, `agora admin import-people`, `agora seed`. Rows are a few bytes.
CREATE TABLE name_changes (
  seq     INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL
);
CREATE TRIGGER name_changes_insert AFTER INSERT ON users BEGIN
  INSERT INTO name_changes (user_id) VALUES (new.id);
END;
CREATE TRIGGER name_changes_update AFTER UPDATE OF display_name, role, active ON users BEGIN
  INSERT INTO name_changes (user_id) VALUES (new.id);
END;
