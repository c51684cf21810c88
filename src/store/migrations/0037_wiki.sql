-- The wiki (issue 19, modules/wiki/model.h): spaces (the organization's, a community's, or
-- named people's), pages as content of kind `wiki_page` carrying their space's audience
-- (a community space's pages have the community as container; a named people's space's are
-- `restricted` to its members, listed in content_readers), every revision kept whole, the
-- names a page answers to (its title, and the titles it had: redirects), and the links
-- between pages by name, which make "what links here" and the broken links.
CREATE TABLE wiki_spaces (
  id           INTEGER PRIMARY KEY,
  handle       TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  community_id INTEGER REFERENCES communities(id) ON DELETE CASCADE,
  audience     TEXT NOT NULL CHECK (audience IN ('organization', 'community', 'restricted')),
  editing      TEXT NOT NULL DEFAULT 'readers' CHECK (editing IN ('readers', 'editors')),
  home_page    INTEGER,
  created_by   INTEGER NOT NULL REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  page_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX wiki_spaces_by_community ON wiki_spaces(community_id);

CREATE TABLE wiki_space_members (
  space_id  INTEGER NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'reader')),
  PRIMARY KEY (space_id, person_id)
) WITHOUT ROWID;
CREATE INDEX wiki_space_members_by_person ON wiki_space_members(person_id, space_id);

CREATE TABLE wiki_pages (
  content_id INTEGER PRIMARY KEY REFERENCES content(id) ON DELETE CASCADE,
  space_id   INTEGER NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  parent_id  INTEGER REFERENCES wiki_pages(content_id) ON DELETE SET NULL,
  position   INTEGER NOT NULL DEFAULT 0,
  title      TEXT NOT NULL,
  slug       TEXT NOT NULL,               -- its name's key (wiki/titles.h): its address in the space
  body       TEXT NOT NULL,               -- Markdown of the current revision
  body_html  TEXT NOT NULL,
  toc        TEXT NOT NULL DEFAULT '[]',  -- its headings as JSON [[level, id, text], ...]
  html_stale INTEGER NOT NULL DEFAULT 0,  -- a page it links to came or went: render again on read
  revision   INTEGER NOT NULL,            -- the current revision's number
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id),
  owner_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  review_by  INTEGER,
  linked_from INTEGER NOT NULL DEFAULT 0,  -- pages of its space linking to it by any name (kept by every change of links and names)
  UNIQUE (space_id, slug)
);
CREATE INDEX wiki_pages_by_parent ON wiki_pages(space_id, parent_id, position);
CREATE INDEX wiki_pages_by_update ON wiki_pages(space_id, updated_at, content_id);

CREATE TABLE wiki_revisions (
  page_id    INTEGER NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  number     INTEGER NOT NULL,
  author_id  INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  summary    TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL,
  PRIMARY KEY (page_id, number)
);

-- Every name a page answers to in its space: its title's key, and the keys of the titles it
-- had (a link or an address by an old title leads to it).
CREATE TABLE wiki_names (
  space_id INTEGER NOT NULL REFERENCES wiki_spaces(id) ON DELETE CASCADE,
  name_key TEXT NOT NULL,
  page_id  INTEGER NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  PRIMARY KEY (space_id, name_key)
) WITHOUT ROWID;
CREATE INDEX wiki_names_by_page ON wiki_names(page_id);

-- The [[links]] of each page's current revision, by the name they give.
CREATE TABLE wiki_links (
  from_page  INTEGER NOT NULL REFERENCES wiki_pages(content_id) ON DELETE CASCADE,
  from_space INTEGER NOT NULL,
  to_space   INTEGER NOT NULL,
  to_key     TEXT NOT NULL,
  crosses    INTEGER NOT NULL DEFAULT 0,  -- 1: into another space (the audience rule is asked of it)
  PRIMARY KEY (from_page, to_space, to_key)
) WITHOUT ROWID;
-- What links to a name: its same-space linkers counted and paged from the index alone.
CREATE INDEX wiki_links_to ON wiki_links(to_space, to_key, crosses, from_page);
CREATE INDEX wiki_links_by_space ON wiki_links(from_space, from_page);

-- Search: the content row's triggers see creation, audience and deletion; the text is here.
CREATE TRIGGER search_wiki_page_text AFTER UPDATE OF title, body ON wiki_pages
BEGIN INSERT INTO search_queue(doc_key) VALUES ('wiki_page:' || NEW.content_id); END;
CREATE TRIGGER search_wiki_space_insert AFTER INSERT ON wiki_spaces
BEGIN INSERT INTO search_queue(doc_key) VALUES ('wiki_space:' || NEW.id); END;
CREATE TRIGGER search_wiki_space_update AFTER UPDATE OF handle, name, description, audience ON wiki_spaces
BEGIN INSERT INTO search_queue(doc_key) VALUES ('wiki_space:' || NEW.id); END;
CREATE TRIGGER search_wiki_space_delete AFTER DELETE ON wiki_spaces
BEGIN INSERT INTO search_queue(doc_key) VALUES ('wiki_space:' || OLD.id); END;
CREATE TRIGGER search_wiki_member_insert AFTER INSERT ON wiki_space_members
BEGIN INSERT INTO search_queue(doc_key) VALUES ('wiki_space:' || NEW.space_id); END;
CREATE TRIGGER search_wiki_member_delete AFTER DELETE ON wiki_space_members
BEGIN INSERT INTO search_queue(doc_key) VALUES ('wiki_space:' || OLD.space_id); END;
