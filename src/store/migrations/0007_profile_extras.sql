-- Profiles gain languages spoken, links and a photo.
ALTER TABLE profiles ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';  -- JSON array of BCP 47 tags
ALTER TABLE profiles ADD COLUMN links TEXT NOT NULL DEFAULT '[]';      -- JSON array of {"title", "url"}
-- SHA-256 (hex) of the largest rendition; the files are media/<2>/<key>-<size>.webp. '' = none.
ALTER TABLE profiles ADD COLUMN photo TEXT NOT NULL DEFAULT '';
-- Whether anyone still uses a photo's files before they are removed.
CREATE INDEX profiles_by_photo ON profiles(photo) WHERE photo != '';
