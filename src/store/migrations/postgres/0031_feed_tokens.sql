-- Feed tokens: see ../0031_feed_tokens.sql.
CREATE TABLE feed_tokens (
  person_id  BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
