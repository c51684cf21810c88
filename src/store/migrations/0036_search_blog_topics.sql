-- A blog's search document carries its writers' names and its entries' commonest tags (the
-- directory's search by author and tag): it is looked at again when one of its entries is
-- written, published, unpublished, deleted, or its text changes.
CREATE TRIGGER search_blog_entry_insert AFTER INSERT ON blog_entries
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog:' || NEW.blog_id); END;
CREATE TRIGGER search_blog_entry_topics AFTER UPDATE OF state, body ON blog_entries
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog:' || NEW.blog_id); END;
CREATE TRIGGER search_blog_entry_delete AFTER DELETE ON blog_entries
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog:' || OLD.blog_id); END;
INSERT INTO search_queue(doc_key) SELECT 'blog:' || id FROM blogs;
