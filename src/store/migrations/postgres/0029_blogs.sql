-- Blogs: see ../0029_blogs.sql.
CREATE TABLE blogs (
  id           BIGINT PRIMARY KEY,
  handle       TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  personal_of  BIGINT UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  community_id BIGINT REFERENCES communities(id) ON DELETE CASCADE,
  audience     TEXT NOT NULL CHECK (audience IN ('public', 'organization', 'community')),
  created_by   BIGINT NOT NULL REFERENCES users(id),
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  entry_count  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX blogs_by_update ON blogs(updated_at, id);

CREATE TABLE blog_members (
  blog_id   BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'author', 'contributor')),
  PRIMARY KEY (blog_id, person_id)
);
CREATE INDEX blog_members_by_person ON blog_members(person_id, blog_id);

CREATE TABLE blog_entries (
  content_id   BIGINT PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  blog_id      BIGINT NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  slug         TEXT NOT NULL,
  excerpt      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL,
  body_html    TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('draft', 'published')),
  published_at BIGINT
);
CREATE INDEX blog_entries_by_blog ON blog_entries(blog_id, state, published_at, content_id);

CREATE FUNCTION agora_search_blog_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_queue(doc_key) VALUES ('blog_entry:' || NEW.content_id);
  RETURN NULL;
END $$;
CREATE TRIGGER search_blog_entry_text AFTER UPDATE OF title, excerpt, body ON blog_entries
  FOR EACH ROW EXECUTE FUNCTION agora_search_blog_entry();
