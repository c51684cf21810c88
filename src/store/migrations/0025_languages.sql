-- The language a person reads Agora in: '' until they choose one (then their browser's
-- Accept-Language decides, then the site's default, site_settings 'default_language').
-- And the language a post or topic is written in: declared by its author, or the author's
-- language when it was written, so that search can stem it correctly (core/languages.h).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE content ADD COLUMN language TEXT NOT NULL DEFAULT '';
