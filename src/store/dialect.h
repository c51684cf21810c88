// The few places where SQLite's and PostgreSQL's SQL differ and a module cannot write one text
// for both. Modules write the SQLite form; the PostgreSQL engine translates it here, once per
// statement and connection (src/README.md, "SQL for both engines", lists what to write
// and what is translated):
//
//   ?N and ?              -> $N (numbered as SQLite numbers them)
//   x LIKE y              -> x ILIKE y (SQLite's LIKE ignores case; PostgreSQL's does not)
//   a CROSS JOIN b ON ... -> a JOIN b ON ... (SQLite's way to fix the join order)
//   SELECT rowid AS id FROM people_names WHERE people_names MATCH ?N
//                         -> the same people, from a GIN index over users' names
//                            (PostgreSQL has no FTS5; migrations/postgres/0001)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace agora::store::dialect {

struct Translated {
  std::string sql;
  int parameters = 0;  // the highest $N
  std::vector<bool> used;  // used[n - 1]: $n appears (modules number some parameters sparsely: ?901)
};

Translated ForPostgres(std::string_view sqlite_sql);

}  // namespace agora::store::dialect
