#include "store/copy.h"

#include <chrono>
#include <map>
#include <set>

namespace agora::store {

namespace {

struct Column {
  std::string name;
  std::string type;  // PostgreSQL's data_type: bigint, text, bytea, ...
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::set<std::string> parents;  // tables its foreign keys refer to
};

// Tables whose rows the migrations themselves write (they are the same on both sides).
bool MigrationOwned(const std::string& table) { return table == "schema_migrations" || table == "store_facts"; }

// The target's tables with their columns and foreign-key parents, from PostgreSQL's catalog.
std::vector<Table> TargetTables(Connection& c) {
  std::map<std::string, Table> tables;
  {
    auto q = c.Prepare(
        "SELECT table_name, column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name IN"
        " (SELECT tablename FROM pg_tables WHERE schemaname = current_schema())"
        " ORDER BY table_name, ordinal_position");
    while (q.Next()) {
      auto& t = tables[q.Text(0)];
      t.name = q.Text(0);
      t.columns.push_back({q.Text(1), q.Text(2)});
    }
  }
  {
    auto q = c.Prepare(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint"
        " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace");
    while (q.Next())
      if (auto it = tables.find(q.Text(0)); it != tables.end() && q.Text(1) != q.Text(0)) it->second.parents.insert(q.Text(1));
  }
  // Parents first (a topological order; ties by name, so every copy runs the same way).
  std::vector<Table> ordered;
  std::set<std::string> placed;
  while (placed.size() < tables.size()) {
    bool progressed = false;
    for (auto& [name, t] : tables) {
      if (placed.count(name)) continue;
      bool ready = true;
      for (const auto& p : t.parents) ready = ready && (placed.count(p) || !tables.count(p));
      if (!ready) continue;
      ordered.push_back(t);
      placed.insert(name);
      progressed = true;
    }
    if (!progressed) throw DatabaseError("the target's foreign keys form a cycle", false);
  }
  return ordered;
}

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

std::string ColumnList(const Table& t) {
  std::string out;
  for (const auto& col : t.columns) out += (out.empty() ? "" : ", ") + Quoted(col.name);
  return out;
}

std::string InsertSql(const Table& t, size_t rows) {
  std::string sql = "INSERT INTO " + Quoted(t.name) + " (" + ColumnList(t) + ") VALUES ";
  size_t n = 1;
  for (size_t r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (size_t i = 0; i < t.columns.size(); ++i) sql += (i ? ",?" : "?") + std::to_string(n++);
    sql += ")";
  }
  return sql;
}

using Clock = std::chrono::steady_clock;
double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

Result<CopyReport> CopyDatabase(Database& from, Database& to, const CopyProgress& progress) {
  if (from.kind() != Database::Kind::kSqlite || to.kind() != Database::Kind::kPostgres)
    return Error::Invalid("to", "a copy goes from the SQLite file to a PostgreSQL database");
  const auto started = Clock::now();
  std::vector<Table> tables = to.Read([](Connection& c) { return TargetTables(c); });

  // Refuse a target that holds anything beyond what migrations wrote.
  for (const auto& t : tables) {
    if (MigrationOwned(t.name)) continue;
    auto q = to.Reader().Prepare("SELECT 1 FROM " + Quoted(t.name) + " LIMIT 1");
    if (q.Next())
      return Error::Conflict("the target database is not empty (table " + t.name +
                             " has rows); copy into a new, empty database");
  }

  CopyReport report;
  // Sources rows are read in one snapshot and written in one transaction: all or nothing.
  auto status = from.Read([&](Connection& src) -> Status {
    return to.Write([&](Connection& dst) -> Status {
      report.tables.clear();
      report.rows = 0;
      // Triggers would write again what the copy brings (name_changes, endorsement counts).
      for (const auto& t : tables) dst.ExecScript("ALTER TABLE " + Quoted(t.name) + " DISABLE TRIGGER USER");
      for (const auto& t : tables) {
        if (MigrationOwned(t.name)) continue;
        const auto table_started = Clock::now();
        std::int64_t total = 0;
        {
          auto count = src.Prepare("SELECT count(*) FROM " + Quoted(t.name));
          if (count.Next()) total = count.Int(0);
        }
        // Rows in primary-key order: a reply's parent comment comes before it.
        auto rows = src.Prepare("SELECT " + ColumnList(t) + " FROM " + Quoted(t.name) + " ORDER BY 1");
        // Many rows per statement (at most 60,000 parameters, PostgreSQL's limit is 65,535).
        const size_t per_statement = std::max<size_t>(1, std::min<size_t>(500, 60000 / t.columns.size()));
        const std::string batch_sql = InsertSql(t, per_statement);
        struct Value {
          bool null;
          std::int64_t i;
          std::string s;
        };
        std::vector<Value> pending;
        std::int64_t done = 0;
        auto flush = [&](bool all) {
          const size_t width = t.columns.size();
          while (pending.size() >= per_statement * width || (all && !pending.empty())) {
            const size_t n = std::min(pending.size() / width, per_statement);
            auto ins = dst.Prepare(n == per_statement ? batch_sql : InsertSql(t, n));
            for (size_t k = 0; k < n * width; ++k) {
              const auto& v = pending[k];
              const auto& type = t.columns[k % width].type;
              const int at = static_cast<int>(k) + 1;
              if (v.null) ins.Bind(at, nullptr);
              else if (type == "bigint" || type == "integer") ins.Bind(at, v.i);
              else if (type == "bytea") ins.BindBlob(at, v.s);
              else ins.Bind(at, v.s);
            }
            ins.Run();
            pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(n * width));
            done += static_cast<std::int64_t>(n);
            if (progress.on_rows) progress.on_rows(t.name, done, total);
          }
        };
        while (rows.Next()) {
          for (size_t i = 0; i < t.columns.size(); ++i) {
            const int col = static_cast<int>(i);
            const auto& type = t.columns[i].type;
            if (rows.IsNull(col)) pending.push_back({true, 0, {}});
            else if (type == "bigint" || type == "integer") pending.push_back({false, rows.Int(col), {}});
            else if (type == "bytea") pending.push_back({false, 0, rows.Blob(col)});
            else pending.push_back({false, 0, rows.Text(col)});
          }
          flush(false);
        }
        flush(true);
        if (progress.on_rows) progress.on_rows(t.name, done, total);
        report.tables.push_back({t.name, done, Since(table_started)});
        report.rows += done;
      }
      for (const auto& t : tables) dst.ExecScript("ALTER TABLE " + Quoted(t.name) + " ENABLE TRIGGER USER");
      // Identity columns continue after the highest copied value.
      for (const auto& t : tables) {
        for (const auto& col : t.columns) {
          auto seq = dst.Prepare("SELECT pg_get_serial_sequence(?1, ?2)", Quoted(t.name), col.name);
          if (!seq.Next() || seq.IsNull(0)) continue;
          const std::string sequence = seq.Text(0);
          dst.Prepare("SELECT setval(?1, coalesce((SELECT max(" + Quoted(col.name) + ") FROM " + Quoted(t.name) +
                          "), 0) + 1, false)",
                      sequence)
              .Run();
        }
      }
      // Every table's count, on both sides, before the commit.
      for (const auto& copied : report.tables) {
        auto a = src.Prepare("SELECT count(*) FROM " + Quoted(copied.name));
        auto b = dst.Prepare("SELECT count(*) FROM " + Quoted(copied.name));
        const std::int64_t source_rows = a.Next() ? a.Int(0) : -1;
        const std::int64_t target_rows = b.Next() ? b.Int(0) : -2;
        if (source_rows != target_rows)
          return Error::Internal("table " + copied.name + ": " + std::to_string(source_rows) + " rows in SQLite but " +
                                 std::to_string(target_rows) + " in PostgreSQL; nothing was copied");
      }
      return OkStatus();
    });
  });
  if (!status) return status.error();
  to.Analyze();
  report.seconds = Since(started);
  return report;
}

}  // namespace agora::store
