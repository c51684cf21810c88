-- Search learns blogs (issue 18): a blog is a document of its own ("blog:ID": name, handle,
-- description), queued when it is made, changed or deleted and when its writers change (they
-- see it whatever its audience). Blog entries and blogs written before search knew them are
-- queued once here (the indexer had dropped them as documents it could not load).
CREATE TRIGGER search_blog_insert AFTER INSERT ON blogs
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog:' || NEW.id); END;
CREATE TRIGGER search_blog_update AFTER UPDATE OF handle, name, description, audience, community_id ON blogs
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog:' || NEW.id); END;
CREATE TRIGGER search_blog_delete AFTER DELETE ON blogs
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog:' || OLD.id); END;
CREATE TRIGGER search_blog_member_insert AFTER INSERT ON blog_members
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog:' || NEW.blog_id); END;
CREATE TRIGGER search_blog_member_delete AFTER DELETE ON blog_members
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog:' || OLD.blog_id); END;

INSERT INTO search_queue(doc_key) SELECT 'blog:' || id FROM blogs;
INSERT INTO search_queue(doc_key) SELECT 'blog_entry:' || content_id FROM blog_entries;
