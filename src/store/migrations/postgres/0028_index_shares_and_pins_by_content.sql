-- Deleting a post nulls the share_of of every share of it and removes its pins: without
-- these, each delete read every post (10 million in the benchmark's data) and every pin.
CREATE INDEX IF NOT EXISTS posts_by_share_of ON posts(share_of) WHERE share_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS community_pins_by_content ON community_pins(content_id);
