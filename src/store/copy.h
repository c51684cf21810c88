// `agora db copy --to postgresql://...`: moves a whole installation from its SQLite file into
// an empty PostgreSQL database, while the server is stopped. The target is migrated to the
// same schema first; every table is then copied in dependency order (parents before the rows
// that refer to them), in one transaction, so a failed copy leaves the target as it was.
// Row counts are compared table by table at the end.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/database.h"

namespace agora::store {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
  double seconds = 0;
};

struct CopyReport {
  std::vector<CopiedTable> tables;
  std::int64_t rows = 0;
  double seconds = 0;
};

struct CopyProgress {
  // Called as rows are copied (every few thousand rows and at each table's end).
  std::function<void(const std::string& table, std::int64_t done, std::int64_t total)> on_rows;
};

// Copies `from` (SQLite, migrated) into `to` (PostgreSQL, migrated by the caller to the same
// version). Refuses a target that holds any data.
Result<CopyReport> CopyDatabase(Database& from, Database& to, const CopyProgress& progress = {});

}  // namespace agora::store
