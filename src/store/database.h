// The storage interface every module's store/ code uses. It exposes connections, prepared
// queries and transactions, never engine types: the same module code runs on the embedded
// SQLite file (store/sqlite_engine.cpp) and on a PostgreSQL server (store/postgres_engine.cpp).
// SQL text is written in the common dialect (src/README.md, "SQL for both engines");
// parameters are ?N (or ?) on both; what truly differs stays in this folder.
//
// Concurrency model (DESIGN.md "Storage"): one writer connection, serialized by a mutex, used
// through Write(); one reader connection per thread (created on first use), used through
// Reader() for a single statement or Read() for a consistent multi-statement snapshot.
// Readers run while the writer writes (SQLite's WAL; PostgreSQL's snapshots). A write
// transaction must be short and must never wait on I/O other than the database.
//
// Durability: SQLite runs synchronous=NORMAL in WAL mode: a committed transaction survives the
// process being killed (kill -9); only an OS crash or power loss can lose the last few
// commits. PostgreSQL: what the server's own settings promise (fsync, synchronous_commit).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/result.h"

namespace agora::store {

// Thrown for infrastructure failures (I/O error, corrupt file) and programming errors (bad
// SQL). `constraint` is true for a violated UNIQUE/FOREIGN KEY/CHECK constraint, which a
// service should normally have prevented by checking inside its transaction.
class DatabaseError : public std::runtime_error {
 public:
  enum class Kind {
    kOther,
    kConstraint,   // UNIQUE, FOREIGN KEY, CHECK or NOT NULL violated
    kRetry,        // PostgreSQL: serialization failure or deadlock; Write() runs the transaction again
    kUnavailable,  // the database server cannot be reached; the request gets a 503
  };
  DatabaseError(const std::string& what, bool constraint)
      : std::runtime_error(what), kind_(constraint ? Kind::kConstraint : Kind::kOther) {}
  DatabaseError(const std::string& what, Kind kind) : std::runtime_error(what), kind_(kind) {}
  bool constraint() const { return kind_ == Kind::kConstraint; }
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class PreparedStatement;  // engine-specific (store/engine.h)
class EngineConnection;
class Engine;
class Connection;

// One execution of a prepared statement: bind, then step through rows with Next().
// Columns are numbered from 0, parameters from 1. Resets the statement when destroyed.
class Query {
 public:
  Query(Connection* conn, PreparedStatement* stmt);
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  ~Query();

  Query& Bind(int index, std::int64_t v);
  Query& Bind(int index, int v) { return Bind(index, std::int64_t{v}); }
  Query& Bind(int index, bool v) { return Bind(index, std::int64_t{v ? 1 : 0}); }
  Query& Bind(int index, double v);
  Query& Bind(int index, std::string_view v);  // copied: the argument may be a temporary
  Query& Bind(int index, const std::string& v) { return Bind(index, std::string_view(v)); }
  Query& Bind(int index, const char* v) { return Bind(index, std::string_view(v)); }
  Query& BindBlob(int index, std::string_view bytes);
  Query& Bind(int index, std::nullptr_t);
  template <typename T>
  Query& Bind(int index, const std::optional<T>& v) {
    return v ? Bind(index, *v) : Bind(index, nullptr);
  }

  // Steps to the next row; false when done. Throws DatabaseError on failure.
  bool Next();
  // Runs a statement that returns no rows (or ignores them); returns rows changed.
  std::int64_t Run();

  bool IsNull(int col) const;
  std::int64_t Int(int col) const;
  double Real(int col) const;
  std::string Text(int col) const;
  std::string_view TextView(int col) const;  // valid until the next Next()
  std::string Blob(int col) const;
  std::optional<std::int64_t> OptInt(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  Connection* conn_;
  PreparedStatement* stmt_;
  std::int64_t started_ns_;
};

// A database connection. Obtained from Database; used by one thread at a time.
class Connection {
 public:
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Prepares (or reuses from this connection's cache) `sql` and binds `args` to ?1, ?2, ...
  template <typename... Args>
  Query Prepare(std::string_view sql, Args&&... args) {
    Query q(this, Statement(sql));
    int i = 1;
    (q.Bind(i++, std::forward<Args>(args)), ...);
    return q;
  }
  // Runs one or more statements with no parameters (migrations, pragmas).
  void ExecScript(std::string_view sql);
  bool IsWriter() const { return writer_; }
  // True inside BEGIN ... COMMIT.
  bool InTransaction() const;

 private:
  friend class Database;
  friend class Query;
  friend EngineConnection& EngineOf(Connection& conn);
  struct Impl;
  Connection(std::unique_ptr<Impl> impl, bool writer);
  PreparedStatement* Statement(std::string_view sql);
  std::unique_ptr<Impl> impl_;  // the engine's connection and this connection's statements
  bool writer_;
  // Reused read snapshots (Database::ReuseReadsOnThisThread), reader connections only.
  std::int64_t reuse_max_age_ns_ = 0;  // 0: every read transaction ends with its scope
  bool holding_ = false;               // a read transaction is open beyond its scope
  std::uint64_t read_generation_ = 0;  // the Database's write generation when the open read began
  std::int64_t held_since_ns_ = 0;
  int scope_depth_ = 0;                // ReadScopes open on this connection
};

struct DatabaseOptions {
  std::string path;  // the SQLite file (when url is empty)
  int busy_timeout_ms = 5000;
  // Empty, or a PostgreSQL connection string (postgresql://... or libpq's key=value form),
  // which is used instead of the file.
  std::string url{};
  // PostgreSQL: a statement running longer is cancelled (SQLite statements cannot hang on
  // another process for longer than busy_timeout_ms).
  int statement_timeout_ms = 30000;
};

// True for a PostgreSQL connection string (what DatabaseOptions::url accepts).
bool IsPostgresUrl(std::string_view url);

class Database {
 public:
  enum class Kind { kSqlite, kPostgres };

  // Opens (creating if needed) the SQLite file, or connects to PostgreSQL when options.url
  // is set. Throws DatabaseError.
  static std::unique_ptr<Database> Open(const DatabaseOptions& options);
  ~Database();

  Kind kind() const;

  // Runs fn(Connection&) inside a write transaction on the writer connection. Commits when fn
  // returns normally, unless it returns a Result holding an error; rolls back on an error
  // Result or an exception (which is rethrown). Returns what fn returns.
  // On PostgreSQL, write transactions are SERIALIZABLE: when the server refuses one because a
  // concurrent transaction (another node) conflicts, or for a deadlock, fn runs again from
  // the start, up to kWriteAttempts times in all. fn must therefore only touch the database
  // (what a write transaction should do anyway).
  static constexpr int kWriteAttempts = 5;
  template <typename F>
  auto Write(F&& fn) -> std::invoke_result_t<F, Connection&> {
    for (int attempt = 1;; ++attempt) {
      try {
        return WriteOnce(fn);
      } catch (const DatabaseError& e) {
        if (e.kind() != DatabaseError::Kind::kRetry || attempt >= kWriteAttempts) throw;
        BackOffBeforeRetry(attempt);
      }
    }
  }

  // Runs fn(Connection&) in a read transaction on this thread's reader connection: every
  // statement inside sees the same snapshot. Reads nest: an inner Read (or a Reader()
  // statement) joins the outer transaction, so a use case can wrap its helpers' reads in one
  // snapshot and one WAL lock.
  template <typename F>
  auto Read(F&& fn) -> std::invoke_result_t<F, Connection&> {
    ReadScope scope(*this);
    return fn(scope.conn());
  }

  // This thread's reader connection, for a single statement in autocommit mode.
  Connection& Reader();

  // Lets this thread's reads share one snapshot for up to `max_age_ms` (the server's io
  // threads). Beginning a read transaction takes a process-wide mutex and two fcntl locks
  // in SQLite's WAL code, which two threads serving small reads spend much of their time
  // contending on. A held snapshot ends as soon as this process commits a write (so a client
  // always reads its own writes) or when it is older than `max_age_ms` (so other processes'
  // writes, such as a command-line import, show within that time). The thread must call
  // ReleaseStaleRead() every few milliseconds when idle, or a held snapshot would keep the
  // write-ahead log from being checkpointed.
  void ReuseReadsOnThisThread(std::int64_t max_age_ms);
  void ReleaseStaleRead();

  // Inside a read: whether nothing has been committed through this Database since this
  // thread's read transaction began. An in-memory copy keeps what a read loaded only when
  // it is: a change committed (and its event applied, bus/bus.h) after the snapshot began
  // may be missing from it, and keeping it would undo the event.
  bool ReadIsCurrent();

  // A number that changes whenever any connection (this process's writer or another
  // process) has committed since this thread last asked: a cheap way for in-memory copies
  // of data to know whether to look for changes. Per thread (it uses the thread's reader).
  std::int64_t DataVersion();

  // Copies everything in the write-ahead log into the database file and empties the log
  // (the server does it at start: reads then find every page in the file, not the log).
  void Checkpoint();

  // Moves checkpoints off the commit path (the server): SQLite's automatic checkpoint runs
  // inside the commit that finds the log over 1,000 pages, and while readers hold older
  // snapshots it cannot empty the log, so under steady reads every later commit ran one
  // (an fdatasync each: posting at 1,200/s spent most of its time there). A thread now
  // copies the log into the database when it has grown by `checkpoint_frames`, and empties
  // it (briefly holding writes back) once it passes `restart_frames`. Stopped by the
  // destructor. A Write() inside a Read() on the same thread would keep the log from being
  // emptied for the busy timeout: write outside reads.
  // Frames are log pages (4 KiB); the defaults: 1,000 and 16,384 (64 MiB).
  // SQLite only (nothing to do on PostgreSQL).
  void StartBackgroundCheckpoints(int checkpoint_frames = 1000, int restart_frames = 16384);
  struct Checkpointer;  // (sqlite_engine.cpp)
  struct CheckpointerDeleter {
    void operator()(Checkpointer* c) const;
  };

  // True when a trivial query succeeds (readiness probe).
  bool Ping();
  // A full integrity check (every page, index and foreign key); empty when all is well.
  // Reads the whole file: for `agora check` and crash trials, not for a running server.
  std::vector<std::string> IntegrityProblems();
  // Bulk loading (agora seed into an empty database): the writer skips foreign-key checks
  // (the loader builds consistent data; each check is two B-tree lookups per row) and keeps
  // a 256 MiB page cache. Off again restores both. Call outside any write transaction.
  void SetBulkLoad(bool on);
  // Refreshes the query planner's statistics (after a bulk load). Outside any transaction.
  void Analyze();
  // Copies a consistent snapshot to `dest_path` while the database stays in use: SQLite's
  // online backup API, or pg_dump's custom format (store/postgres_backup.cpp). Throws
  // DatabaseError.
  void BackupTo(const std::string& dest_path);
  // Replaces this database's content with the backup at `source_path` (the online backup API
  // in the other direction, or pg_restore in one transaction). Check the source first.
  void RestoreFrom(const std::string& source_path);
  // Error text when `path` is not a backup this database can restore.
  std::optional<std::string> CheckBackup(const std::string& path) const;
  // SQLite: opens `path` read-only and runs a quick integrity check; error text on failure.
  static std::optional<std::string> CheckBackupFile(const std::string& path);

  const std::string& path() const { return options_.path; }
  // Where the data is, for messages: the file, or the PostgreSQL database (no password).
  std::string Describe() const;

 private:
  template <typename F>
  auto WriteOnce(F& fn) -> std::invoke_result_t<F, Connection&> {
    WriteScope scope(*this);
    if constexpr (std::is_void_v<std::invoke_result_t<F, Connection&>>) {
      fn(*writer_);
      scope.Commit();
    } else {
      auto result = fn(*writer_);
      if constexpr (requires { result.ok(); }) {
        if (!result.ok()) return result;  // scope rolls back
      }
      scope.Commit();
      return result;
    }
  }
  static void BackOffBeforeRetry(int attempt);

  class WriteScope {
   public:
    explicit WriteScope(Database& db);
    ~WriteScope();
    void Commit();

   private:
    Database& db_;
    std::unique_lock<std::mutex> lock_;
    bool done_ = false;
    std::int64_t started_ns_;
  };
  class ReadScope {
   public:
    explicit ReadScope(Database& db);
    ~ReadScope();
    Connection& conn() { return conn_; }

   private:
    Connection& conn_;
    std::int64_t started_ns_;
    bool outermost_;  // a Read inside a Read joins the outer transaction
  };

  explicit Database(DatabaseOptions options);
  std::unique_ptr<Connection> OpenConnection(bool writer);
  // Ends `conn`'s held snapshot when it is stale (or always, with `force`), outside scopes.
  void EndHeldRead(Connection& conn, bool force);
  void ReleaseHeldReadBeforeWriting();

  std::atomic<std::uint64_t> write_generation_{0};  // incremented by every commit of the writer
  DatabaseOptions options_;
  std::unique_ptr<Engine> engine_;
  std::uint64_t serial_;
  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;
  std::mutex readers_mu_;
  std::vector<std::unique_ptr<Connection>> readers_;  // owned here, handed out per thread

  std::unique_ptr<Checkpointer, CheckpointerDeleter> checkpointer_;
  void StopBackgroundCheckpoints();
};

std::int64_t MonotonicNanos();

}  // namespace agora::store
