// SQLite engine behind store/database.h. Everything SQLite-specific lives in this file.
#include "store/database.h"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/collation.h"
#include "core/metrics.h"
#include "core/text.h"

namespace agora::store {

std::int64_t MonotonicNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

class PreparedStatement {
 public:
  sqlite3_stmt* stmt = nullptr;
  bool in_use = false;
  bool owned_by_cache = true;
  ~PreparedStatement() { sqlite3_finalize(stmt); }
};

struct Connection::Impl {
  sqlite3* db = nullptr;
  // Keyed by SQL text: modules pass named constants, so the set is small and fixed.
  // Transparent hashing: a lookup by string_view allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const noexcept { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<PreparedStatement>, SqlHash, std::equal_to<>> cache;
  ~Impl() {
    cache.clear();
    sqlite3_close_v2(db);
  }
};

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

std::atomic<std::uint64_t> g_next_serial{1};
std::mutex g_alive_mu;
std::unordered_set<std::uint64_t>& AliveSerials() {
  static std::unordered_set<std::uint64_t> s;
  return s;
}

// This thread's reader connections, by Database serial. Connections are owned by their
// Database; entries for databases that have been closed are pruned on insertion.
struct ThreadReaders {
  std::vector<std::pair<std::uint64_t, Connection*>> entries;
};
thread_local ThreadReaders t_readers;

}  // namespace

// ---- Query ----

Query::Query(Connection* conn, PreparedStatement* stmt)
    : conn_(conn), stmt_(stmt), started_ns_(conn->IsWriter() ? 0 : MonotonicNanos()) {}

Query::Query(Query&& other) noexcept : conn_(other.conn_), stmt_(other.stmt_), started_ns_(other.started_ns_) {
  other.stmt_ = nullptr;
}

Query::~Query() {
  if (!stmt_) return;
  sqlite3_reset(stmt_->stmt);
  sqlite3_clear_bindings(stmt_->stmt);
  stmt_->in_use = false;
  if (!stmt_->owned_by_cache) delete stmt_;
  if (started_ns_) metrics::Db().reads.ObserveNanos(static_cast<std::uint64_t>(MonotonicNanos() - started_ns_));
}

Query& Query::Bind(int index, std::int64_t v) {
  Check(conn_->impl_->db, sqlite3_bind_int64(stmt_->stmt, index, v), "bind");
  return *this;
}
Query& Query::Bind(int index, double v) {
  Check(conn_->impl_->db, sqlite3_bind_double(stmt_->stmt, index, v), "bind");
  return *this;
}
Query& Query::Bind(int index, std::string_view v) {
  Check(conn_->impl_->db,
        sqlite3_bind_text64(stmt_->stmt, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8), "bind");
  return *this;
}
Query& Query::BindBlob(int index, std::string_view v) {
  Check(conn_->impl_->db, sqlite3_bind_blob64(stmt_->stmt, index, v.data(), v.size(), SQLITE_TRANSIENT),
        "bind");
  return *this;
}
Query& Query::Bind(int index, std::nullptr_t) {
  Check(conn_->impl_->db, sqlite3_bind_null(stmt_->stmt, index), "bind");
  return *this;
}

bool Query::Next() {
  int rc = sqlite3_step(stmt_->stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Fail(conn_->impl_->db, rc, sqlite3_sql(stmt_->stmt));
}

std::int64_t Query::Run() {
  while (Next()) {
  }
  return sqlite3_changes64(conn_->impl_->db);
}

bool Query::IsNull(int col) const { return sqlite3_column_type(stmt_->stmt, col) == SQLITE_NULL; }
std::int64_t Query::Int(int col) const { return sqlite3_column_int64(stmt_->stmt, col); }
double Query::Real(int col) const { return sqlite3_column_double(stmt_->stmt, col); }
std::string_view Query::TextView(int col) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_->stmt, col));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_->stmt, col))) : std::string_view();
}
std::string Query::Text(int col) const { return std::string(TextView(col)); }
std::string Query::Blob(int col) const {
  auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_->stmt, col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_->stmt, col))) : std::string();
}
std::optional<std::int64_t> Query::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}
std::optional<std::string> Query::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

// ---- Connection ----

Connection::Connection(std::unique_ptr<Impl> impl, bool writer) : impl_(std::move(impl)), writer_(writer) {}
Connection::~Connection() = default;

PreparedStatement* Connection::Statement(std::string_view sql) {
  auto it = impl_->cache.find(sql);
  if (it != impl_->cache.end() && !it->second->in_use) {
    it->second->in_use = true;
    return it->second.get();
  }
  auto ps = std::make_unique<PreparedStatement>();
  int rc = sqlite3_prepare_v3(impl_->db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &ps->stmt, nullptr);
  if (rc != SQLITE_OK) Fail(impl_->db, rc, "prepare: " + std::string(sql));
  ps->in_use = true;
  if (it != impl_->cache.end()) {
    // The cached statement is busy (a nested query with the same text): use a one-off.
    ps->owned_by_cache = false;
    return ps.release();
  }
  auto* raw = ps.get();
  impl_->cache.emplace(std::string(sql), std::move(ps));
  return raw;
}

bool Connection::InTransaction() const { return sqlite3_get_autocommit(impl_->db) == 0; }

void Connection::ExecScript(std::string_view sql) {
  char* err = nullptr;
  std::string text(sql);
  int rc = sqlite3_exec(impl_->db, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw DatabaseError(msg, (rc & 0xff) == SQLITE_CONSTRAINT);
  }
}

// ---- Database ----

Database::Database(DatabaseOptions options) : options_(std::move(options)), serial_(g_next_serial++) {}

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
  if (checkpointer_) return;
  checkpointer_ = std::make_unique<Checkpointer>();
  checkpointer_->checkpoint_frames = checkpoint_frames;
  checkpointer_->restart_frames = restart_frames;
  checkpointer_->conn = OpenConnection(false);
  {
    std::lock_guard lock(write_mu_);
    sqlite3_wal_hook(writer_->impl_->db, OnWalCommit, checkpointer_.get());  // replaces the automatic checkpoint
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
      sqlite3* db = cp.conn->impl_->db;
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

Database::~Database() {
  if (checkpointer_) {
    {
      std::lock_guard lock(checkpointer_->mu);
      checkpointer_->stop = true;
    }
    checkpointer_->wake.notify_one();
    checkpointer_->thread.join();
    {
      std::lock_guard lock(write_mu_);
      sqlite3_wal_hook(writer_->impl_->db, nullptr, nullptr);
    }
    checkpointer_->conn.reset();
  }
  {
    std::lock_guard lock(g_alive_mu);
    AliveSerials().erase(serial_);
  }
  readers_.clear();
  writer_.reset();
}

std::unique_ptr<Connection> Database::OpenConnection(bool writer) {
  auto impl = std::make_unique<Connection::Impl>();
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(options_.path.c_str(), &impl->db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open database " + options_.path + ": " +
                      (impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc));
    throw DatabaseError(msg, false);
  }
  sqlite3_busy_timeout(impl->db, options_.busy_timeout_ms);
  sqlite3_extended_result_codes(impl->db, 1);
  RegisterCollations(impl->db);
  RegisterFunctions(impl->db);
  std::unique_ptr<Connection> conn(new Connection(std::move(impl), writer));
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

std::unique_ptr<Database> Database::Open(const DatabaseOptions& options) {
  // Memory statistics take a global mutex on every SQLite allocation, which threads
  // reading at once contend on; nothing here reads the statistics.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  std::unique_ptr<Database> db(new Database(options));
  db->writer_ = db->OpenConnection(true);
  {
    std::lock_guard lock(g_alive_mu);
    AliveSerials().insert(db->serial_);
  }
  return db;
}

Connection& Database::Reader() {
  for (auto& [serial, conn] : t_readers.entries)
    if (serial == serial_) {
      if (conn->holding_ && conn->scope_depth_ == 0) EndHeldRead(*conn, false);
      return *conn;
    }
  auto conn = OpenConnection(false);
  Connection* raw = conn.get();
  {
    std::lock_guard lock(readers_mu_);
    readers_.push_back(std::move(conn));
  }
  {
    std::lock_guard lock(g_alive_mu);
    std::erase_if(t_readers.entries, [](auto& e) { return !AliveSerials().count(e.first); });
  }
  t_readers.entries.emplace_back(serial_, raw);
  return *raw;
}

// A snapshot this thread keeps for reuse ends before it waits for the writer: the commit
// would end it anyway, and the background checkpoint that empties the log holds the writer
// while it waits for old snapshots to go (store/database.h).
Database::WriteScope::WriteScope(Database& db)
    : db_(db), lock_((db.ReleaseHeldReadBeforeWriting(), db.write_mu_)), started_ns_(MonotonicNanos()) {
  db_.writer_->ExecScript("BEGIN IMMEDIATE");
}

void Database::ReleaseHeldReadBeforeWriting() {
  for (auto& [serial, conn] : t_readers.entries)
    if (serial == serial_) EndHeldRead(*conn, true);
}

void Database::WriteScope::Commit() {
  db_.writer_->ExecScript("COMMIT");
  db_.write_generation_.fetch_add(1, std::memory_order_release);
  done_ = true;
}

void Database::EndHeldRead(Connection& conn, bool force) {
  if (!conn.holding_ || conn.scope_depth_ != 0) return;
  bool stale = force || conn.held_generation_ != write_generation_.load(std::memory_order_acquire) ||
               MonotonicNanos() - conn.held_since_ns_ > conn.reuse_max_age_ns_;
  if (!stale) return;
  conn.holding_ = false;
  try {
    conn.Prepare("COMMIT").Run();
  } catch (const DatabaseError&) {
  }
}

void Database::ReuseReadsOnThisThread(std::int64_t max_age_ms) {
  Connection& conn = Reader();
  if (max_age_ms <= 0) EndHeldRead(conn, true);
  conn.reuse_max_age_ns_ = max_age_ms * 1'000'000;
}

void Database::ReleaseStaleRead() {
  for (auto& [serial, conn] : t_readers.entries)
    if (serial == serial_) EndHeldRead(*conn, false);
}

Database::WriteScope::~WriteScope() {
  if (!done_) {
    try {
      db_.writer_->ExecScript("ROLLBACK");
    } catch (const DatabaseError&) {
      // The transaction may already be rolled back by SQLite after an I/O error.
    }
  }
  metrics::Db().writes.ObserveNanos(static_cast<std::uint64_t>(MonotonicNanos() - started_ns_));
}

Database::ReadScope::ReadScope(Database& db)
    : conn_(db.Reader()), started_ns_(MonotonicNanos()), outermost_(!conn_.InTransaction()) {
  if (outermost_) {
    conn_.Prepare("BEGIN").Run();  // prepared once per connection, not parsed each time
    if (conn_.reuse_max_age_ns_ > 0) {
      // Kept open after this scope for the thread's next reads (ReuseReadsOnThisThread).
      conn_.holding_ = true;
      conn_.held_generation_ = db.write_generation_.load(std::memory_order_acquire);
      conn_.held_since_ns_ = started_ns_;
      outermost_ = false;
    }
  }
  ++conn_.scope_depth_;
}

Database::ReadScope::~ReadScope() {
  --conn_.scope_depth_;
  if (outermost_) {
    try {
      conn_.Prepare("COMMIT").Run();
    } catch (const DatabaseError&) {
    }
  }
  if (conn_.scope_depth_ == 0)
    metrics::Db().reads.ObserveNanos(static_cast<std::uint64_t>(MonotonicNanos() - started_ns_));
}

void Database::Checkpoint() {
  std::lock_guard lock(write_mu_);
  writer_->ExecScript("PRAGMA wal_checkpoint(TRUNCATE);");
}

std::int64_t Database::DataVersion() {
  auto q = Reader().Prepare("PRAGMA data_version");
  return q.Next() ? q.Int(0) : 0;
}

bool Database::Ping() {
  try {
    auto q = Reader().Prepare("SELECT 1");
    return q.Next() && q.Int(0) == 1;
  } catch (const DatabaseError&) {
    return false;
  }
}

std::vector<std::string> Database::IntegrityProblems() {
  std::vector<std::string> problems;
  Read([&](Connection& c) {
    auto integrity = c.Prepare("PRAGMA integrity_check");
    while (integrity.Next())
      if (integrity.Text(0) != "ok") problems.push_back(integrity.Text(0));
    auto keys = c.Prepare("PRAGMA foreign_key_check");
    while (keys.Next())
      problems.push_back("foreign key: " + keys.Text(0) + " row " + std::to_string(keys.Int(1)) + " refers to a missing " +
                         keys.Text(2) + " row");
  });
  return problems;
}

namespace {
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

void Database::SetBulkLoad(bool on) {
  std::lock_guard lock(write_mu_);
  writer_->ExecScript(on ? "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144;"
                         : "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;");
}

void Database::BackupTo(const std::string& dest_path) {
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(dest_path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot create " + dest_path + ": " + sqlite3_errstr(rc);
    sqlite3_close_v2(dest);
    throw DatabaseError(msg, false);
  }
  try {
    auto source = OpenConnection(false);
    CopyDatabase(source->impl_->db, dest);
    // The copy is a rollback-journal database; make it self-contained (no -wal beside it).
    sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  } catch (...) {
    sqlite3_close_v2(dest);
    throw;
  }
  sqlite3_close_v2(dest);
}

void Database::RestoreFrom(const std::string& source_path) {
  sqlite3* src = nullptr;
  int rc = sqlite3_open_v2(source_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close_v2(src);
    throw DatabaseError("cannot open " + source_path, false);
  }
  std::lock_guard lock(write_mu_);
  try {
    CopyDatabase(src, writer_->impl_->db);
  } catch (...) {
    sqlite3_close_v2(src);
    throw;
  }
  sqlite3_close_v2(src);
  writer_->ExecScript("PRAGMA journal_mode=WAL;");
  write_generation_.fetch_add(1, std::memory_order_release);
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
