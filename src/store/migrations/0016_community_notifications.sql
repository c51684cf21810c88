-- Notifications about a community (an invitation, a request to join, an approved request)
-- name it; they go with the community, and are shown only while the recipient may see it.
ALTER TABLE notifications ADD COLUMN community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE;
