-- Search learns blogs: see ../0030_search_blogs.sql.
CREATE FUNCTION agora_search_blog() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_data jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
  INSERT INTO search_queue(doc_key) VALUES ('blog:' || (row_data ->> TG_ARGV[0]));
  RETURN NULL;
END $$;
CREATE TRIGGER search_blog AFTER INSERT OR DELETE OR UPDATE OF handle, name, description, audience, community_id
  ON blogs FOR EACH ROW EXECUTE FUNCTION agora_search_blog('id');
CREATE TRIGGER search_blog_member AFTER INSERT OR DELETE
  ON blog_members FOR EACH ROW EXECUTE FUNCTION agora_search_blog('blog_id');

INSERT INTO search_queue(doc_key) SELECT 'blog:' || id FROM blogs;
INSERT INTO search_queue(doc_key) SELECT 'blog_entry:' || content_id FROM blog_entries;
