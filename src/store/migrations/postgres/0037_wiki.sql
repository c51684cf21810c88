-- The wiki: see ../0037_wiki.sql.
CREATE TABLE wiki_spaces (
  id           BIGINT PRIMARY KEY,
  handle       TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  community_id BIGINT REFERENCES communities(id) ON DELETE CASCADE,
  audience     TEXT NOT NULL CHECK (audience IN ('organization', 'community', 'restricted')),
  editing      TEXT NOT NULL DEFAULT 'readers' CHECK (editing IN ('readers', 'editors')),
  home_page    BIGINT,
  created_by   BIGINT NOT NULL REFERENCES users(id),
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  page_count   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX wiki_spaces_by_community ON wiki_spaces(community_id);

CREATE TABLE wiki_space_members (
  space_id  BIGINT NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'reader')),
  PRIMARY KEY (space_id, person_id)
);
CREATE INDEX wiki_space_members_by_person ON wiki_space_members(person_id, space_id);

CREATE TABLE wiki_pages (
  content_id BIGINT PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  space_id   BIGINT NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  parent_id  BIGINT REFERENCES wiki_pages(content_id) ON DELETE SET NULL,
  position   BIGINT NOT NULL DEFAULT 0,
  title      TEXT NOT NULL,
  slug       TEXT NOT NULL,               -- its name's key (wiki/titles.h): its address in the space
  body       TEXT NOT NULL,               -- Markdown of the current revision
  body_html  TEXT NOT NULL,
  toc        TEXT NOT NULL DEFAULT '[]',  -- its headings as JSON [[level, id, text], ...]
  html_stale BIGINT NOT NULL DEFAULT 0,  -- a page it links to came or went: render again on read
  revision   BIGINT NOT NULL,            -- the current revision's number
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id),
  owner_id   BIGINT REFERENCES users(id) ON DELETE SET NULL,
  review_by  BIGINT,
  linked_from BIGINT NOT NULL DEFAULT 0,  -- pages of its space linking to it by any name (kept by every change of links and names)
  UNIQUE (space_id, slug)
);
CREATE INDEX wiki_pages_by_parent ON wiki_pages(space_id, parent_id, position);
CREATE INDEX wiki_pages_by_update ON wiki_pages(space_id, updated_at, content_id);

CREATE TABLE wiki_revisions (
  page_id    BIGINT NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  number     BIGINT NOT NULL,
  author_id  BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  summary    TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL,
  PRIMARY KEY (page_id, number)
);

-- Every name a page answers to in its space: its title's key, and the keys of the titles it
-- had (a link or an address by an old title leads to it).
CREATE TABLE wiki_names (
  space_id BIGINT NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  name_key TEXT NOT NULL,
  page_id  BIGINT NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  PRIMARY KEY (space_id, name_key)
);
CREATE INDEX wiki_names_by_page ON wiki_names(page_id);

-- The [[links]] of each page's current revision, by the name they give.
CREATE TABLE wiki_links (
  from_page  BIGINT NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  from_space BIGINT NOT NULL,
  to_space   BIGINT NOT NULL,
  to_key     TEXT NOT NULL,
  crosses    BIGINT NOT NULL DEFAULT 0,  -- 1: into another space (the audience rule is asked of it)
  PRIMARY KEY (from_page, to_space, to_key)
);
-- What links to a name: its same-space linkers counted and paged from the index alone.
CREATE INDEX wiki_links_to ON wiki_links(to_space, to_key, crosses, from_page);
CREATE INDEX wiki_links_by_space ON wiki_links(from_space, from_page);

CREATE FUNCTION agora_search_wiki_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_queue(doc_key) VALUES ('wiki_page:' || NEW.content_id);
  RETURN NULL;
END $$;
CREATE TRIGGER search_wiki_page_text AFTER UPDATE OF title, body ON wiki_pages
  FOR EACH ROW EXECUTE FUNCTION agora_search_wiki_page();
CREATE FUNCTION agora_search_wiki_space() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_data jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
  INSERT INTO search_queue(doc_key) VALUES ('wiki_space:' || (row_data ->> TG_ARGV[0]));
  RETURN NULL;
END $$;
CREATE TRIGGER search_wiki_space AFTER INSERT OR DELETE OR UPDATE OF handle, name, description, audience
  ON wiki_spaces FOR EACH ROW EXECUTE FUNCTION agora_search_wiki_space('id');
CREATE TRIGGER search_wiki_member AFTER INSERT OR DELETE
  ON wiki_space_members FOR EACH ROW EXECUTE FUNCTION agora_search_wiki_space('space_id');
