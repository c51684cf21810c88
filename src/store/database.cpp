// Connections, statement caches, transactions and read snapshots: the part of
// store/database.h that is the same for every engine. The engines are sqlite_engine.cpp and
// postgres_engine.cpp (store/engine.h).
#include "store/database.h"

#include <chrono>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/metrics.h"
#include "store/engine.h"

namespace agora::store {

std::int64_t MonotonicNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool IsPostgresUrl(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://") || url.find('=') != std::string_view::npos;
}

struct Connection::Impl {
  std::unique_ptr<EngineConnection> engine;
  // Keyed by SQL text: modules pass named constants, so the set is small and fixed.
  // Transparent hashing: a lookup by string_view allocates nothing.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const noexcept { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, std::unique_ptr<PreparedStatement>, SqlHash, std::equal_to<>> cache;
  ~Impl() {
    cache.clear();  // statements before their connection
    engine.reset();
  }
};

namespace {

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
  stmt_->Reset();
  stmt_->in_use = false;
  if (!stmt_->owned_by_cache) delete stmt_;
  if (started_ns_) metrics::Db().reads.ObserveNanos(static_cast<std::uint64_t>(MonotonicNanos() - started_ns_));
}

Query& Query::Bind(int index, std::int64_t v) {
  stmt_->BindInt(index, v);
  return *this;
}
Query& Query::Bind(int index, double v) {
  stmt_->BindReal(index, v);
  return *this;
}
Query& Query::Bind(int index, std::string_view v) {
  stmt_->BindText(index, v);
  return *this;
}
Query& Query::BindBlob(int index, std::string_view v) {
  stmt_->BindBlob(index, v);
  return *this;
}
Query& Query::Bind(int index, std::nullptr_t) {
  stmt_->BindNull(index);
  return *this;
}

bool Query::Next() { return stmt_->Step(); }

std::int64_t Query::Run() {
  while (Next()) {
  }
  return stmt_->Changes();
}

bool Query::IsNull(int col) const { return stmt_->IsNull(col); }
std::int64_t Query::Int(int col) const { return stmt_->Int(col); }
double Query::Real(int col) const { return stmt_->Real(col); }
std::string_view Query::TextView(int col) const { return stmt_->TextView(col); }
std::string Query::Text(int col) const { return std::string(TextView(col)); }
std::string Query::Blob(int col) const { return stmt_->Blob(col); }
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
  auto ps = impl_->engine->Prepare(sql);
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

bool Connection::InTransaction() const { return impl_->engine->InTransaction(); }

void Connection::ExecScript(std::string_view sql) { impl_->engine->ExecScript(sql); }

EngineConnection& EngineOf(Connection& conn) { return *conn.impl_->engine; }

// ---- Database ----

Database::Database(DatabaseOptions options) : options_(std::move(options)), serial_(g_next_serial++) {}

Database::~Database() {
  StopBackgroundCheckpoints();
  {
    std::lock_guard lock(g_alive_mu);
    AliveSerials().erase(serial_);
  }
  readers_.clear();
  writer_.reset();
}

Database::Kind Database::kind() const { return engine_->kind(); }

std::string Database::Describe() const {
  if (kind() == Kind::kSqlite) return options_.path;
  // A URL may carry a password (postgresql://user:secret@host/db): show what follows the @.
  std::string_view url = options_.url;
  if (url.find("://") != std::string_view::npos) {
    // ...and drop the query, which may carry one too (?password=...).
    url = url.substr(0, url.find('?'));
    auto at = url.rfind('@');
    return "postgresql://" + std::string(at == std::string_view::npos ? url.substr(url.find("://") + 3) : url.substr(at + 1));
  }
  std::string shown;
  for (size_t pos = 0; pos < url.size();) {
    size_t end = url.find(' ', pos);
    if (end == std::string_view::npos) end = url.size();
    std::string_view part = url.substr(pos, end - pos);
    if (!part.empty() && !part.starts_with("password")) shown += (shown.empty() ? "" : " ") + std::string(part);
    pos = end + 1;
  }
  return shown;
}

void Database::BackOffBeforeRetry(int attempt) {
  // Jittered, growing: two nodes that conflicted should not collide again at once.
  thread_local std::minstd_rand rng(std::random_device{}());
  const int base_ms = 2 << attempt;
  std::this_thread::sleep_for(std::chrono::milliseconds(base_ms + static_cast<int>(rng() % base_ms)));
}

std::unique_ptr<Connection> Database::OpenConnection(bool writer) {
  auto impl = std::make_unique<Connection::Impl>();
  impl->engine = engine_->Open(writer);
  return std::unique_ptr<Connection>(new Connection(std::move(impl), writer));
}

std::unique_ptr<Database> Database::Open(const DatabaseOptions& options) {
  std::unique_ptr<Database> db(new Database(options));
  db->engine_ = options.url.empty() ? OpenSqliteEngine(options) : OpenPostgresEngine(options);
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
  db_.writer_->ExecScript(db_.engine_->BeginWrite());
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
  bool stale = force || conn.read_generation_ != write_generation_.load(std::memory_order_acquire) ||
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
      // The transaction may already be rolled back after an I/O error or a lost connection.
    }
  }
  metrics::Db().writes.ObserveNanos(static_cast<std::uint64_t>(MonotonicNanos() - started_ns_));
}

Database::ReadScope::ReadScope(Database& db)
    : conn_(db.Reader()), started_ns_(MonotonicNanos()), outermost_(!conn_.InTransaction()) {
  if (outermost_) {
    // Read before the snapshot begins, so that a commit racing with it counts as newer.
    conn_.read_generation_ = db.write_generation_.load(std::memory_order_acquire);
    conn_.Prepare(db.engine_->BeginRead()).Run();  // prepared once per connection, not parsed each time
    if (conn_.reuse_max_age_ns_ > 0) {
      // Kept open after this scope for the thread's next reads (ReuseReadsOnThisThread).
      conn_.holding_ = true;
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
  engine_->Checkpoint(*writer_);
}

bool Database::ReadIsCurrent() {
  Connection& conn = Reader();
  return conn.InTransaction() && conn.read_generation_ == write_generation_.load(std::memory_order_acquire);
}

std::int64_t Database::DataVersion() { return engine_->DataVersion(Reader()); }

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
  Read([&](Connection& c) { problems = engine_->IntegrityProblems(c); });
  return problems;
}

void Database::SetBulkLoad(bool on) {
  std::lock_guard lock(write_mu_);
  engine_->SetBulkLoad(*writer_, on);
}

void Database::Analyze() {
  std::lock_guard lock(write_mu_);
  engine_->Analyze(*writer_);
}

}  // namespace agora::store
