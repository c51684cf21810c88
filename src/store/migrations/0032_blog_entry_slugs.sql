-- A public entry is found by its blog and slug (/blogs/{blog}/{yyyy}/{mm}/{slug}); the slug is
-- unique in its blog (blogs/service.cpp makes it so), now said by the index too.
CREATE UNIQUE INDEX blog_entries_by_slug ON blog_entries(blog_id, slug);
-- The sitemap lists public entries, the newest first.
CREATE INDEX blog_entries_by_publication ON blog_entries(state, published_at);
