-- Communities (DESIGN.md "Communities"): a container with members and roles, and the
-- `community` audience of the content model (content.container_id names the community).

CREATE TABLE communities (
  id               INTEGER PRIMARY KEY,
  handle           TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name             TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  description_html TEXT NOT NULL DEFAULT '',
  type             TEXT NOT NULL CHECK (type IN ('open', 'moderated', 'restricted')),
  listed           INTEGER NOT NULL DEFAULT 1,   -- 0: secret (restricted only)
  allow_guests     INTEGER NOT NULL DEFAULT 0,
  alumni           INTEGER NOT NULL DEFAULT 0,   -- an alumni community: admits alumni
  member_count     INTEGER NOT NULL DEFAULT 0,   -- active members, kept by the writer
  created_by       INTEGER NOT NULL REFERENCES users(id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX communities_by_name ON communities(name COLLATE NOCASE, id);

CREATE TABLE community_tags (
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  tag          TEXT NOT NULL,
  PRIMARY KEY (community_id, tag)
) WITHOUT ROWID;
CREATE INDEX community_tags_by_tag ON community_tags(tag, community_id);

-- One row per person and community: a member (active), a request (pending), an invitation
-- (invited) or a ban (banned).
CREATE TABLE community_members (
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  person_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role         TEXT NOT NULL CHECK (role IN ('owner', 'moderator', 'member')),
  state        TEXT NOT NULL CHECK (state IN ('active', 'pending', 'invited', 'banned')),
  muted        INTEGER NOT NULL DEFAULT 0,        -- leave its posts out of the member's home feed
  invited_by   INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (community_id, person_id)
) WITHOUT ROWID;
CREATE INDEX community_members_by_person ON community_members(person_id, state, community_id);

-- A community's stream: its content newest first.
CREATE INDEX content_by_container ON content(container_id, id) WHERE container_id IS NOT NULL;
