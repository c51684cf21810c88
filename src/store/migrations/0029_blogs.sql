-- Blogs (modules/blogs/model.h): personal blogs (personal_of), shared blogs with roles, and
-- entries as content of kind `blog_entry`. A published entry's content row carries its blog's
-- audience; a draft's is `restricted` to its author and the blog's owners and editors.
CREATE TABLE blogs (
  id           INTEGER PRIMARY KEY,
  handle       TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  personal_of  INTEGER UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
  audience     TEXT NOT NULL CHECK (audience IN ('public', 'organization', 'community')),
  created_by   INTEGER NOT NULL REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  entry_count  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX blogs_by_update ON blogs(updated_at, id);

CREATE TABLE blog_members (
  blog_id   INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'author', 'contributor')),
  PRIMARY KEY (blog_id, person_id)
) WITHOUT ROWID;
CREATE INDEX blog_members_by_person ON blog_members(person_id, blog_id);

CREATE TABLE blog_entries (
  content_id   INTEGER PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  blog_id      INTEGER NOT NULL REFERENCES blogs(id) ON DELETE CASCADE,
  title        TEXT NOT NULL,
  slug         TEXT NOT NULL,
  excerpt      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL,
  body_html    TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('draft', 'published')),
  published_at INTEGER
);
CREATE INDEX blog_entries_by_blog ON blog_entries(blog_id, state, published_at, content_id);

-- Search (0026): the content row's triggers see creation, audience and deletion; the text
-- is here.
CREATE TRIGGER search_blog_entry_text AFTER UPDATE OF title, excerpt, body ON blog_entries
BEGIN INSERT INTO search_queue(doc_key) VALUES ('blog_entry:' || NEW.content_id); END;
