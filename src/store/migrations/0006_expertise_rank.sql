-- "Who knows about X?" reads the people with a tag in endorsement order. Keep each tag's
-- endorsement count on the expertise row (triggers keep it true) and index (tag, count) so
-- the ranked list is read straight off the index instead of counted per request.
ALTER TABLE expertise ADD COLUMN endorsements INTEGER NOT NULL DEFAULT 0;
UPDATE expertise SET endorsements =
  (SELECT count(*) FROM endorsements d WHERE d.user_id = expertise.user_id AND d.tag = expertise.tag);
CREATE INDEX expertise_by_rank ON expertise(tag, endorsements DESC, user_id);

CREATE TRIGGER endorsements_count_insert AFTER INSERT ON endorsements BEGIN
  UPDATE expertise SET endorsements = endorsements + 1 WHERE user_id = new.user_id AND tag = new.tag;
END;
CREATE TRIGGER endorsements_count_delete AFTER DELETE ON endorsements BEGIN
  UPDATE expertise SET endorsements = endorsements - 1 WHERE user_id = old.user_id AND tag = old.tag;
END;
