-- What the search index must look at again (search/indexer.h, DESIGN.md "Search"). Triggers
-- write a row in the same transaction as every change that alters a document of the index
-- (content, its text, comments, communities, people, their expertise and memberships), so
-- that no module has to remember to, and a change exists exactly when its row does. The
-- indexer drains rows after commit, applies them, commits the index, and only then deletes
-- them: a crash or kill -9 in between applies them again (applying is idempotent).
--
-- doc_key names the document ("post:123", "person:45"); the indexer loads it fresh from the
-- database, so a row carries no text and the order of rows for one document does not matter.
CREATE TABLE search_queue (
  seq     INTEGER PRIMARY KEY,
  doc_key TEXT NOT NULL
);

-- Posts, topics and every later content kind: created, edited, moved, deleted. Counters
-- (comments, reactions) change no document and queue nothing.
CREATE TRIGGER search_content_insert AFTER INSERT ON content
BEGIN INSERT INTO search_queue(doc_key) VALUES (NEW.kind || ':' || NEW.id); END;
CREATE TRIGGER search_content_update AFTER UPDATE OF audience, container_id, edited_at, language, author_id ON content
BEGIN INSERT INTO search_queue(doc_key) VALUES (NEW.kind || ':' || NEW.id); END;
CREATE TRIGGER search_content_delete AFTER DELETE ON content
BEGIN INSERT INTO search_queue(doc_key) VALUES (OLD.kind || ':' || OLD.id); END;
-- A content's comments are read by its readers: they follow its audience.
CREATE TRIGGER search_content_audience AFTER UPDATE OF audience, container_id ON content
BEGIN INSERT INTO search_queue(doc_key) SELECT 'comment:' || id FROM comments WHERE content_id = NEW.id; END;
CREATE TRIGGER search_post_body AFTER UPDATE OF body ON posts
BEGIN INSERT INTO search_queue(doc_key) VALUES ('post:' || NEW.content_id); END;
CREATE TRIGGER search_topic_text AFTER UPDATE OF title, body ON topics
BEGIN INSERT INTO search_queue(doc_key) VALUES ('topic:' || NEW.content_id); END;

CREATE TRIGGER search_comment_insert AFTER INSERT ON comments
BEGIN INSERT INTO search_queue(doc_key) VALUES ('comment:' || NEW.id); END;
CREATE TRIGGER search_comment_update AFTER UPDATE OF body ON comments
BEGIN INSERT INTO search_queue(doc_key) VALUES ('comment:' || NEW.id); END;
CREATE TRIGGER search_comment_delete AFTER DELETE ON comments
BEGIN INSERT INTO search_queue(doc_key) VALUES ('comment:' || OLD.id); END;

-- Communities; whether one is open or secret decides who reads its content, so a change of
-- type or listing looks at its content again.
CREATE TRIGGER search_community_insert AFTER INSERT ON communities
BEGIN INSERT INTO search_queue(doc_key) VALUES ('community:' || NEW.id); END;
CREATE TRIGGER search_community_update AFTER UPDATE OF handle, name, description, type, listed, alumni ON communities
BEGIN INSERT INTO search_queue(doc_key) VALUES ('community:' || NEW.id); END;
CREATE TRIGGER search_community_delete AFTER DELETE ON communities
BEGIN INSERT INTO search_queue(doc_key) VALUES ('community:' || OLD.id); END;
CREATE TRIGGER search_community_access AFTER UPDATE OF type, listed ON communities
BEGIN
  INSERT INTO search_queue(doc_key) SELECT kind || ':' || id FROM content WHERE container_id = NEW.id;
  INSERT INTO search_queue(doc_key)
    SELECT 'comment:' || m.id FROM comments m JOIN content c ON c.id = m.content_id WHERE c.container_id = NEW.id;
END;
CREATE TRIGGER search_community_tag_insert AFTER INSERT ON community_tags
BEGIN INSERT INTO search_queue(doc_key) VALUES ('community:' || NEW.community_id); END;
CREATE TRIGGER search_community_tag_delete AFTER DELETE ON community_tags
BEGIN INSERT INTO search_queue(doc_key) VALUES ('community:' || OLD.community_id); END;

-- People: their name, role and state, profile and expertise (endorsements update its count),
-- and the communities they are in (who shares one with them may see a guest's profile).
CREATE TRIGGER search_user_insert AFTER INSERT ON users
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || NEW.id); END;
CREATE TRIGGER search_user_update AFTER UPDATE OF display_name, handle, role, active, language ON users
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || NEW.id); END;
CREATE TRIGGER search_user_delete AFTER DELETE ON users
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || OLD.id); END;
CREATE TRIGGER search_profile_insert AFTER INSERT ON profiles
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || NEW.user_id); END;
CREATE TRIGGER search_profile_update AFTER UPDATE OF title, department, office, country, bio, languages ON profiles
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || NEW.user_id); END;
CREATE TRIGGER search_expertise_insert AFTER INSERT ON expertise
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || NEW.user_id); END;
CREATE TRIGGER search_expertise_update AFTER UPDATE ON expertise
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || NEW.user_id); END;
CREATE TRIGGER search_expertise_delete AFTER DELETE ON expertise
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || OLD.user_id); END;
CREATE TRIGGER search_member_insert AFTER INSERT ON community_members
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || NEW.person_id); END;
CREATE TRIGGER search_member_update AFTER UPDATE OF state ON community_members
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || NEW.person_id); END;
CREATE TRIGGER search_member_delete AFTER DELETE ON community_members
BEGIN INSERT INTO search_queue(doc_key) VALUES ('person:' || OLD.person_id); END;
