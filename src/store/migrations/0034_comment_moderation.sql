-- Comment moderation (issue 18): a blog's owners may hold comments for approval. A held
-- comment is read only by its author and by whoever approves it; it counts, notifies and is
-- searchable only once approved. `comment_policy`: open (every comment shows at once),
-- hold_first (a person's first comment on the blog waits; once one is approved the next go
-- up), hold_all, closed (no new comments).
ALTER TABLE comments ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
CREATE INDEX comments_held ON comments(content_id, id) WHERE held = 1;
CREATE TRIGGER search_comment_held AFTER UPDATE OF held ON comments
BEGIN INSERT INTO search_queue(doc_key) VALUES ('comment:' || NEW.id); END;

ALTER TABLE blogs ADD COLUMN comment_policy TEXT NOT NULL DEFAULT 'open'
  CHECK (comment_policy IN ('open', 'hold_first', 'hold_all', 'closed'));
-- People one of whose comments a blog's moderators approved: under hold_first theirs go up.
CREATE TABLE blog_trusted_commenters (
  blog_id   INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (blog_id, person_id)
) WITHOUT ROWID;
