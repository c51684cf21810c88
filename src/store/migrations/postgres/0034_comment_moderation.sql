-- Comment moderation (issue 18): as ../0034_comment_moderation.sql says.
ALTER TABLE comments ADD COLUMN held BIGINT NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
CREATE INDEX comments_held ON comments(content_id, id) WHERE held = 1;
DROP TRIGGER search_comment ON comments;
CREATE TRIGGER search_comment AFTER INSERT OR DELETE OR UPDATE OF body, held ON comments
  FOR EACH ROW EXECUTE FUNCTION agora_search_comment();

ALTER TABLE blogs ADD COLUMN comment_policy TEXT NOT NULL DEFAULT 'open'
  CHECK (comment_policy IN ('open', 'hold_first', 'hold_all', 'closed'));
CREATE TABLE blog_trusted_commenters (
  blog_id   BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (blog_id, person_id)
);
