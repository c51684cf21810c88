// The seam between store/database.cpp (connections, statement caches, transactions, read
// snapshots: the same for every engine) and an engine (sqlite_engine.cpp, postgres_engine.cpp).
// Internal to store/: modules never include it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace agora::store {

// One compiled statement on one connection. Parameters are numbered from 1, columns from 0.
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  virtual void BindInt(int index, std::int64_t v) = 0;
  virtual void BindReal(int index, double v) = 0;
  virtual void BindText(int index, std::string_view v) = 0;
  virtual void BindBlob(int index, std::string_view v) = 0;
  virtual void BindNull(int index) = 0;
  // Advances to the next row (the first call executes); false when there are no more.
  virtual bool Step() = 0;
  // Rows changed by the statement that was run.
  virtual std::int64_t Changes() = 0;
  // Ready for the next execution: bindings and rows dropped.
  virtual void Reset() = 0;
  virtual bool IsNull(int col) const = 0;
  virtual std::int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
  virtual std::string_view TextView(int col) const = 0;
  virtual std::string Blob(int col) const = 0;

  bool in_use = false;
  bool owned_by_cache = true;
};

// One connection of an engine.
class EngineConnection {
 public:
  virtual ~EngineConnection() = default;
  virtual std::unique_ptr<PreparedStatement> Prepare(std::string_view sql) = 0;
  virtual void ExecScript(std::string_view sql) = 0;
  virtual bool InTransaction() const = 0;
};

// What differs between engines beyond single statements.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual Database::Kind kind() const = 0;
  virtual std::unique_ptr<EngineConnection> Open(bool writer) = 0;
  // Statements that begin a write and a read transaction.
  virtual std::string_view BeginWrite() const = 0;
  virtual std::string_view BeginRead() const = 0;
  virtual std::int64_t DataVersion(Connection& reader) = 0;
  virtual void Checkpoint(Connection& writer) = 0;
  virtual std::vector<std::string> IntegrityProblems(Connection& reader) = 0;
  virtual void SetBulkLoad(Connection& writer, bool on) = 0;
  // Refreshes the planner's statistics (after a bulk load).
  virtual void Analyze(Connection& writer) = 0;
  // SQLite only: the WAL commit hook that drives background checkpoints (nullptr elsewhere).
  virtual bool SupportsBackgroundCheckpoints() const { return false; }
};

// The engine connection under a Connection (for engine-specific code in this folder).
EngineConnection& EngineOf(Connection& conn);

// pg_dump / pg_restore (postgres_backup.cpp).
void BackUpPostgres(const std::string& url, const std::string& dest_path);
void RestorePostgres(const std::string& url, const std::string& source_path);
std::optional<std::string> CheckPostgresBackup(const std::string& path);

std::unique_ptr<Engine> OpenSqliteEngine(const DatabaseOptions& options);
std::unique_ptr<Engine> OpenPostgresEngine(const DatabaseOptions& options);

}  // namespace agora::store
