-- A community's avatar (square) and banner (wide), as content-addressed files (media/).
ALTER TABLE communities ADD COLUMN avatar_key TEXT;
ALTER TABLE communities ADD COLUMN banner_key TEXT;
