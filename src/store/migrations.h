// Numbered schema migrations (src/store/migrations/NNNN_name.sql), embedded in the binary and
// applied in order at start-up and by `agora migrate`. A landed migration is never edited:
// each applied one's checksum is recorded and a mismatch stops start-up, naming the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace agora::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;                     // SQLite, and PostgreSQL when postgres_sql is null
  const char* postgres_sql = nullptr;  // migrations/postgres/NNNN_*.sql, when the text differs
};

// PostgreSQL support came with schema version 21: migrations/postgres/0001 creates the whole
// schema as it stood at 21 (as Synapse's full schemas do for a new database), so versions 2
// to 21 have nothing left to do there. From 22 on, each migration runs on both engines, with
// a PostgreSQL text beside it where the dialects differ.
inline constexpr int kPostgresBaseline = 21;

// The text a migration runs on an engine ("" when there is nothing to do).
std::string_view MigrationText(const Migration& m, Database::Kind kind);

// All migrations compiled into this binary, in order (generated at build time).
const std::vector<Migration>& EmbeddedMigrations();

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // names
};

// Applies every pending migration, each in its own transaction. Errors when the database
// carries a version this binary does not know (a newer binary wrote it) or an applied
// migration's checksum differs from the embedded one.
Result<MigrationReport> Migrate(Database& db, const std::vector<Migration>& migrations = EmbeddedMigrations());

}  // namespace agora::store
