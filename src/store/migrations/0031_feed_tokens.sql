-- Feed tokens (issue 18): a person's secret for the Atom feeds of what only they may read,
-- put in the feed's address for a feed reader that cannot sign in. One per person; making a
-- new one revokes the old. Only its SHA-256 is kept, as for every other token.
CREATE TABLE feed_tokens (
  person_id  INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
