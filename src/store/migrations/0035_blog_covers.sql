-- A blog entry's cover picture (issue 18): one of the images attached to it (images/), shown
-- above it, on its blog's list and as its public page's og:image. Pictures in its Markdown are
-- attached to it too, so its readers, and only they, read them.
ALTER TABLE blog_entries ADD COLUMN cover_image_id INTEGER REFERENCES images(id) ON DELETE SET NULL;
