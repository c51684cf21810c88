-- The directory sorts names in the viewer's language (core/collation.h): one index per sort
-- order, built with the ICU collations every connection registers ("agora_sv", ...).
-- These replace the case-insensitive binary order.
DROP INDEX users_by_name;
CREATE INDEX users_by_name_root ON users(display_name COLLATE agora_root, id);
CREATE INDEX users_by_name_sv ON users(display_name COLLATE agora_sv, id);
CREATE INDEX users_by_name_nb ON users(display_name COLLATE agora_nb, id);
CREATE INDEX users_by_name_es ON users(display_name COLLATE agora_es, id);
CREATE INDEX users_by_name_ru ON users(display_name COLLATE agora_ru, id);
CREATE INDEX users_by_name_ja ON users(display_name COLLATE agora_ja, id);

-- Facts about how the data was built, e.g. the ICU collation versions the indexes above
-- were sorted with (an ICU upgrade that changes them means rebuilding those indexes).
CREATE TABLE store_facts (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
