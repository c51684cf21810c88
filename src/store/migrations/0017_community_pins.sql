-- Posts a community's owners and moderators pin to the top of its stream.
CREATE TABLE community_pins (
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  content_id   INTEGER NOT NULL REFERENCES content(id) ON DELETE CASCADE,
  pinned_by    INTEGER NOT NULL REFERENCES users(id),
  pinned_at    INTEGER NOT NULL,
  PRIMARY KEY (community_id, content_id)
) WITHOUT ROWID;
