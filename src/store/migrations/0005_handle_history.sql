-- Old handles keep redirecting to their person, and stay reserved for them.
CREATE TABLE handle_history (
  handle     TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  changed_at INTEGER NOT NULL
);
CREATE INDEX handle_history_by_user ON handle_history(user_id);
