-- A blog's search document carries its writers' names and its entries' commonest tags: see
-- ../0036_search_blog_topics.sql.
CREATE TRIGGER search_blog_entry_topics AFTER INSERT OR DELETE OR UPDATE OF state, body
  ON blog_entries FOR EACH ROW EXECUTE FUNCTION agora_search_blog('blog_id');
INSERT INTO search_queue(doc_key) SELECT 'blog:' || id FROM blogs;
