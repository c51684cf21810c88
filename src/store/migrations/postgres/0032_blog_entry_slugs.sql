-- Blog entry slugs: see ../0032_blog_entry_slugs.sql.
CREATE UNIQUE INDEX blog_entries_by_slug ON blog_entries(blog_id, slug);
-- The sitemap lists public entries, the newest first.
CREATE INDEX blog_entries_by_publication ON blog_entries(state, published_at);
