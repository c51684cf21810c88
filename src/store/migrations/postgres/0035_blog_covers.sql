-- A blog entry's cover picture: see ../0035_blog_covers.sql.
ALTER TABLE blog_entries ADD COLUMN cover_image_id BIGINT REFERENCES images(id) ON DELETE SET NULL;
