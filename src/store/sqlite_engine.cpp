// The SQLite engine behind store/database.h: the embedded default, one file in data_dir.
#include <sqlite3.h>

#include <condition_variable>
#include <thread>

#include "core/collation.h"
#include "core/text.h"
#include "store/engine.h"

namespace agora::store {

namespace {

[[noreturn]] void Fail(sqlite3* db, int rc, std::string_view context) {
  int primary = rc & 0xff;
  std::string msg = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  throw DatabaseError(msg, primary == SQLITE_CONSTRAINT);
}

void Check(sqlite3* db, int rc, std::string_view context) {
  if (rc != SQLITE_OK) Fail(db, rc, context);
}

// The name sort orders of core/collation.h as SQL collations ("agora_sv"), on every
// connection: indexes are built with them, so SQLite needs them to read or write those
// indexes. Each connection gets its own ICU collators (they are not thread-safe).
int CompareWithCollator(void* collator, int alen, const void* a, int blen, const void* b) {
  return static_cast<collation::Collator*>(collator)->Compare(
      std::string_view(static_cast<const char*>(a), static_cast<size_t>(alen)),
      std::string_view(static_cast<const char*>(b), static_cast<size_t>(blen)));
}
void DestroyCollator(void* collator) { delete static_cast<collation::Collator*>(collator); }

void RegisterCollations(sqlite3* db) {
  for (const auto& order : collation::kOrders) {
    auto collator = collation::Collator::Open(order.name);
    int rc = sqlite3_create_collation_v2(db, collation::SqlName(order.name).c_str(), SQLITE_UTF8, collator.get(),
                                         CompareWithCollator, DestroyCollator);
    Check(db, rc, "registering a collation");
    collator.release();  // owned by SQLite now (DestroyCollator)
  }
}

// agora_words_start_with(text, query): 1 when every word of `query` starts a word of `text`,
// case-folded (core/text.h). Lets a name search walk a name index in order and test each
// name where it stands, instead of first collecting every full-text match. The query's
// words are parsed once per statement (SQLite's auxiliary data on argument 1).
// (PostgreSQL has the same function in SQL: migrations/postgres/0001_schema_at_21.sql.)
void WordsStartWithSql(sqlite3_context* ctx, int, sqlite3_value** argv) {
  using Words = std::vector<std::u32string>;
  auto text_of = [](sqlite3_value* v) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(v));
    return std::string_view(t ? t : "", t ? static_cast<size_t>(sqlite3_value_bytes(v)) : 0);
  };
  Words local;
  auto* words = static_cast<Words*>(sqlite3_get_auxdata(ctx, 1));
  if (!words) {
    sqlite3_set_auxdata(ctx, 1, new Words(text::FoldedWords(text_of(argv[1]))),
                        [](void* w) { delete static_cast<Words*>(w); });
    words = static_cast<Words*>(sqlite3_get_auxdata(ctx, 1));  // SQLite may drop it at once
    if (!words) {
      local = text::FoldedWords(text_of(argv[1]));
      words = &local;
    }
  }
  sqlite3_result_int(ctx, text::WordsStartWith(text_of(argv[0]), *words) ? 1 : 0);
}

void RegisterFunctions(sqlite3* db) {
  int rc = sqlite3_create_function_v2(db, "agora_words_start_with", 2,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                      WordsStartWithSql, nullptr, nullptr, nullptr);
  Check(db, rc, "registering a function");
}

class SqliteStatement final : public PreparedStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void BindInt(int index, std::int64_t v) override { Check(db_, sqlite3_bind_int64(stmt_, index, v), "bind"); }
  void BindReal(int index, double v) override { Check(db_, sqlite3_bind_double(stmt_, index, v), "bind"); }
  void BindText(int index, std::string_view v) override {
    // An empty view may point nowhere (std::string_view{}); SQLite would bind that as NULL,
    // while PostgreSQL binds the empty text. Both engines bind empty text.
    const char* data = v.data() ? v.data() : "";
    Check(db_, sqlite3_bind_text64(stmt_, index, data, v.size(), SQLITE_TRANSIENT, SQLITE_UTF8), "bind");
  }
  void BindBlob(int index, std::string_view v) override {
    Check(db_, sqlite3_bind_blob64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT), "bind");
  }
  void BindNull(int index) override { Check(db_, sqlite3_bind_null(stmt_, index), "bind"); }
  bool Step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Fail(db_, rc, sqlite3_sql(stmt_));
  }
  std::int64_t Changes() override { return sqlite3_changes64(db_); }
  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const override { return sqlite3_column_double(stmt_, col); }
  std::string_view TextView(int col) const override {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
  }
  std::string Blob(int col) const override {
    auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public EngineConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db); }

  std::unique_ptr<PreparedStatement> Prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) Fail(db, rc, "prepare: " + std::string(sql));
    return std::make_unique<SqliteStatement>(db, stmt);
  }
  void ExecScript(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw DatabaseError(msg, (rc & 0xff) == SQLITE_CONSTRAINT);
    }
  }
  bool InTransaction() const override { return sqlite3_get_autocommit(db) == 0; }

  sqlite3* db;
};

sqlite3* Raw(Connection& conn) { return static_cast<SqliteConnection&>(EngineOf(conn)).db; }

class SqliteEngine final : public Engine {
 public:
  explicit SqliteEngine(DatabaseOptions options) : options_(std::move(options)) {
    // Memory statistics take a global mutex on every SQLite allocation, which threads
    // reading at once contend on; nothing here reads the statistics.
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  }

  Database::Kind kind() const override { return Database::Kind::kSqlite; }

  std::unique_ptr<EngineConnection> Open(bool writer) override {
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(options_.path.c_str(), &raw, flags, nullptr);
    auto conn = std::make_unique<SqliteConnection>(raw);  // closes `raw` even on failure
    if (rc != SQLITE_OK) {
      throw DatabaseError("cannot open database " + options_.path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)),
                          false);
    }
    sqlite3_busy_timeout(raw, options_.busy_timeout_ms);
    sqlite3_extended_result_codes(raw, 1);
    RegisterCollations(raw);
    RegisterFunctions(raw);
    conn->ExecScript("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY;");
    // Readers keep a 32 MiB page cache and read with pread(), not a memory map. A map (tried
    // in the People issue, when profile reads were all there was) is dropped whole by every
    // reader after any commit (SQLite unmaps on a changed log), and under steady posting the
    // munmap, its TLB shootdowns and the page faults that follow cost more than the copies:
    // 50k people / 1M posts, posting while feeds are read, 1.7-1.9k posts/s and 6.8-7.9k
    // feeds/s mapped, 2.6-3.2k and 9.2-11.6k not (docs/feed.md). The cache survives
    // read transactions as long as nothing commits.
    if (!writer) conn->ExecScript("PRAGMA cache_size=-32768;");
    // The writer keeps a 64 MiB page cache: a write touches a leaf of every index of the table
    // (users has ten), and with SQLite's default 2 MiB most of those pages had to be read back
    // and re-copied for every row of a large import.
    if (writer) conn->ExecScript("PRAGMA journal_mode=WAL; PRAGMA cache_size=-65536;");
    return conn;
  }

  std::string_view BeginWrite() const override { return "BEGIN IMMEDIATE"; }
  std::string_view BeginRead() const override { return "BEGIN"; }

  std::int64_t DataVersion(Connection& reader) override {
    auto q = reader.Prepare("PRAGMA data_version");
    return q.Next() ? q.Int(0) : 0;
  }

  void Checkpoint(Connection& writer) override { writer.ExecScript("PRAGMA wal_checkpoint(TRUNCATE);"); }

  std::vector<std::string> IntegrityProblems(Connection& c) override {
    std::vector<std::string> problems;
    auto integrity = c.Prepare("PRAGMA integrity_check");
    while (integrity.Next())
      if (integrity.Text(0) != "ok") problems.push_back(integrity.Text(0));
    auto keys = c.Prepare("PRAGMA foreign_key_check");
    while (keys.Next())
      problems.push_back("foreign key: " + keys.Text(0) + " row " + std::to_string(keys.Int(1)) + " refers to a missing " +
                         keys.Text(2) + " row");
    return problems;
  }

  void SetBulkLoad(Connection& writer, bool on) override {
    writer.ExecScript(on ? "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144;"
                         : "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;");
  }

  void Analyze(Connection& writer) override { writer.ExecScript("PRAGMA analysis_limit=1000; ANALYZE;"); }

  bool SupportsBackgroundCheckpoints() const override { return true; }

 private:
  DatabaseOptions options_;
};

void CopyDatabase(sqlite3* from, sqlite3* to) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) Fail(to, sqlite3_errcode(to), "backup init");
  int rc;
  // Copy in steps so a large database does not hold the source's read lock in one go; a
  // change made meanwhile by another connection restarts the copy, which keeps it consistent.
  do {
    rc = sqlite3_backup_step(b, 4096);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) Fail(to, rc, "backup");
}

}  // namespace

std::unique_ptr<Engine> OpenSqliteEngine(const DatabaseOptions& options) { return std::make_unique<SqliteEngine>(options); }

// ---- Background checkpoints (store/database.h) ----

struct Database::Checkpointer {
  std::mutex mu;
  std::condition_variable wake;
  bool stop = false;
  int frames = 0;           // pages in the log after the last commit (the WAL hook's count)
  int checkpointed_at = 0;  // `frames` when the last checkpoint ran
  int checkpoint_frames = 0;
  int restart_frames = 0;
  std::unique_ptr<Connection> conn;  // its own connection: passive checkpoints do not block the writer
  std::thread thread;
};

void Database::CheckpointerDeleter::operator()(Checkpointer* c) const { delete c; }

namespace {
int OnWalCommit(void* arg, sqlite3*, const char*, int frames) {
  auto* cp = static_cast<Database::Checkpointer*>(arg);
  bool due = false;
  {
    std::lock_guard lock(cp->mu);
    cp->frames = frames;
    due = frames - cp->checkpointed_at >= cp->checkpoint_frames || frames < cp->checkpointed_at;
  }
  if (due) cp->wake.notify_one();
  return SQLITE_OK;
}
}  // namespace

void Database::StartBackgroundCheckpoints(int checkpoint_frames, int restart_frames) {
  if (checkpointer_ || !engine_->SupportsBackgroundCheckpoints()) return;
  checkpointer_.reset(new Checkpointer);
  checkpointer_->checkpoint_frames = checkpoint_frames;
  checkpointer_->restart_frames = restart_frames;
  checkpointer_->conn = OpenConnection(false);
  {
    std::lock_guard lock(write_mu_);
    sqlite3_wal_hook(Raw(*writer_), OnWalCommit, checkpointer_.get());  // replaces the automatic checkpoint
  }
  checkpointer_->thread = std::thread([this] {
    auto& cp = *checkpointer_;
    std::unique_lock lock(cp.mu);
    while (!cp.stop) {
      cp.wake.wait_for(lock, std::chrono::seconds(1));
      if (cp.stop) break;
      const int frames = cp.frames;
      if (frames < cp.checkpointed_at) cp.checkpointed_at = 0;  // the log was restarted
      if (frames - cp.checkpointed_at < cp.checkpoint_frames) continue;
      cp.checkpointed_at = frames;
      lock.unlock();
      sqlite3* db = Raw(*cp.conn);
      int log = 0, copied = 0;
      if (frames >= cp.restart_frames) {
        // Empties the log: waits (busy timeout) for readers of older snapshots, whose reuse
        // ends within milliseconds, while this process's writes wait on write_mu_.
        std::lock_guard write_lock(write_mu_);
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, &log, &copied);
      } else {
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
      }
      lock.lock();
    }
  });
}

void Database::StopBackgroundCheckpoints() {
  if (!checkpointer_) return;
  {
    std::lock_guard lock(checkpointer_->mu);
    checkpointer_->stop = true;
  }
  checkpointer_->wake.notify_one();
  checkpointer_->thread.join();
  {
    std::lock_guard lock(write_mu_);
    sqlite3_wal_hook(Raw(*writer_), nullptr, nullptr);
  }
  checkpointer_->conn.reset();
  checkpointer_.reset();
}

// ---- Backups (SQLite's online backup API) ----

void Database::BackupTo(const std::string& dest_path) {
  if (kind() == Kind::kPostgres) return BackUpPostgres(options_.url, dest_path);
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(dest_path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot create " + dest_path + ": " + sqlite3_errstr(rc);
    sqlite3_close_v2(dest);
    throw DatabaseError(msg, false);
  }
  try {
    auto source = OpenConnection(false);
    CopyDatabase(Raw(*source), dest);
    // The copy is a rollback-journal database; make it self-contained (no -wal beside it).
    sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  } catch (...) {
    sqlite3_close_v2(dest);
    throw;
  }
  sqlite3_close_v2(dest);
}

void Database::RestoreFrom(const std::string& source_path) {
  if (kind() == Kind::kPostgres) {
    ReleaseHeldReadBeforeWriting();
    std::lock_guard lock(write_mu_);
    RestorePostgres(options_.url, source_path);
    write_generation_.fetch_add(1, std::memory_order_release);
    return;
  }
  sqlite3* src = nullptr;
  int rc = sqlite3_open_v2(source_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(src);
    throw DatabaseError("cannot open " + source_path, false);
  }
  std::lock_guard lock(write_mu_);
  try {
    CopyDatabase(src, Raw(*writer_));
  } catch (...) {
    sqlite3_close_v2(src);
    throw;
  }
  sqlite3_close_v2(src);
  writer_->ExecScript("PRAGMA journal_mode=WAL;");
  write_generation_.fetch_add(1, std::memory_order_release);
}

std::optional<std::string> Database::CheckBackup(const std::string& path) const {
  return kind() == Kind::kPostgres ? CheckPostgresBackup(path) : CheckBackupFile(path);
}

std::optional<std::string> Database::CheckBackupFile(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::optional<std::string> problem;
  if (rc != SQLITE_OK) {
    problem = "cannot open " + path + ": " + sqlite3_errstr(rc);
  } else {
    sqlite3_stmt* st = nullptr;
    RegisterCollations(db);
    rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, nullptr);
    if (rc != SQLITE_OK) {
      problem = path + " is not an SQLite database: " + sqlite3_errmsg(db);
    } else if (sqlite3_step(st) != SQLITE_ROW ||
               std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) != "ok") {
      problem = path + " failed its integrity check";
    }
    sqlite3_finalize(st);
    if (!problem) {
      rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM schema_migrations", -1, &st, nullptr);
      if (rc != SQLITE_OK) problem = path + " is not an Agora backup (no schema_migrations table)";
      sqlite3_finalize(st);
    }
  }
  sqlite3_close_v2(db);
  return problem;
}

}  // namespace agora::store
