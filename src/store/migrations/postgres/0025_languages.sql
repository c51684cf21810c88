-- People's and content's languages: see ../0025_languages.sql.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE content ADD COLUMN language TEXT NOT NULL DEFAULT '';
