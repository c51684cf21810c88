-- Names found whatever the searcher's script or spelling: see ../0024_name_words.sql.
ALTER TABLE users ADD COLUMN name_words TEXT NOT NULL DEFAULT '';
DROP INDEX users_by_name_words;
CREATE INDEX users_by_name_words ON users USING gin (to_tsvector('simple', name_words));
DROP TRIGGER name_changes_update ON users;
CREATE TRIGGER name_changes_update AFTER UPDATE OF display_name, name_words, role, active ON users
  FOR EACH ROW EXECUTE FUNCTION agora_note_name_change();
