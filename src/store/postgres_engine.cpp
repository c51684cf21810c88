// The PostgreSQL engine behind store/database.h, on libpq (Debian 12's libpqxx 6.4 is too old
// to be worth a layer). One connection per thread like the SQLite readers; each prepares the
// statements it runs once (per parameter types) and keeps them; after a lost connection it
// reconnects on next use and prepares them again.
//
// Parameters travel as text with their types named (int8, float8, text; bytea in binary), so
// `?1 = ''` and `LIMIT ?2` mean what they mean in SQLite. Results come back as text:
// Int() reads integers, booleans ('t'/'f') and numerics alike.
#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

#include "core/log.h"
#include "store/dialect.h"
#include "store/engine.h"

namespace agora::store {

namespace {

// pg_type OIDs (catalog/pg_type_d.h is a server header; these never change).
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kTextOid = 25, kFloat8Oid = 701;

DatabaseError::Kind KindOf(std::string_view sqlstate) {
  if (sqlstate.starts_with("23")) return DatabaseError::Kind::kConstraint;  // integrity violations
  if (sqlstate == "40001" || sqlstate == "40P01") return DatabaseError::Kind::kRetry;
  // 08: connection exceptions; 57P0x: the server is shutting down or starting; 53: out of
  // resources (too many connections); 57014: statement_timeout.
  if (sqlstate.starts_with("08") || sqlstate.starts_with("57P") || sqlstate.starts_with("53") || sqlstate == "57014")
    return DatabaseError::Kind::kUnavailable;
  return DatabaseError::Kind::kOther;
}

std::string FirstLine(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

class PgConnection;

class PgStatement final : public PreparedStatement {
 public:
  PgStatement(PgConnection& conn, std::string sql, int params, std::vector<bool> used)
      : conn_(conn), sql_(std::move(sql)), params_(params), used_(std::move(used)) {}
  ~PgStatement() override { Clear(); }

  void BindInt(int index, std::int64_t v) override {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    Set(index, kInt8Oid, std::string(buf, end), false);
  }
  void BindReal(int index, double v) override {
    char buf[40];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    Set(index, kFloat8Oid, std::string(buf, end), false);
  }
  void BindText(int index, std::string_view v) override { Set(index, kTextOid, std::string(v), false); }
  void BindBlob(int index, std::string_view v) override { Set(index, kByteaOid, std::string(v), true); }
  void BindNull(int index) override {
    Slot(index) = Param{};
  }

  bool Step() override;
  std::int64_t Changes() override { return changes_; }
  void Reset() override {
    Clear();
    for (auto& p : bound_) p = Param{};
  }
  bool IsNull(int col) const override { return PQgetisnull(result_, row_, col) != 0; }
  std::int64_t Int(int col) const override {
    const char* v = PQgetvalue(result_, row_, col);
    if (PQftype(result_, col) == kBoolOid) return v[0] == 't' ? 1 : 0;
    std::int64_t out = 0;
    std::from_chars(v, v + PQgetlength(result_, row_, col), out);  // numeric "12.50" reads as 12
    return out;
  }
  double Real(int col) const override { return std::strtod(PQgetvalue(result_, row_, col), nullptr); }
  std::string_view TextView(int col) const override {
    return {PQgetvalue(result_, row_, col), static_cast<size_t>(PQgetlength(result_, row_, col))};
  }
  std::string Blob(int col) const override {
    if (PQftype(result_, col) != kByteaOid) return std::string(TextView(col));
    size_t n = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(result_, row_, col)), &n);
    std::string out(reinterpret_cast<const char*>(raw), n);
    PQfreemem(raw);
    return out;
  }

 private:
  struct Param {
    Oid type = 0;  // 0: NULL, of a type the server infers
    std::string value;
    bool binary = false;
    bool null = true;
  };
  Param& Slot(int index) {
    if (index < 1 || index > 65535) throw DatabaseError("bind: parameter " + std::to_string(index) + " out of range", false);
    if (static_cast<int>(bound_.size()) < index) bound_.resize(static_cast<size_t>(index));
    return bound_[static_cast<size_t>(index - 1)];
  }
  void Set(int index, Oid type, std::string value, bool binary) {
    Param& p = Slot(index);
    p.type = type;
    p.value = std::move(value);
    p.binary = binary;
    p.null = false;
  }
  void Clear() {
    if (result_) PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    rows_ = 0;
  }
  void Execute();
  void ExecuteOnce();

  PgConnection& conn_;
  std::string sql_;  // with $N parameters
  int params_;
  std::vector<bool> used_;
  std::vector<Param> bound_;
  // Server-side statement names by parameter types (a NULL's type is left to the server),
  // valid for one connection generation.
  std::vector<std::pair<std::basic_string<Oid>, std::string>> prepared_;
  std::uint64_t prepared_generation_ = 0;
  PGresult* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
  std::int64_t changes_ = 0;
};

class PgConnection final : public EngineConnection {
 public:
  PgConnection(const DatabaseOptions& options, bool writer) : options_(options), writer_(writer) {
    try {
      Connect();
    } catch (...) {  // no destructor runs for a constructor that throws
      PQfinish(conn_);
      conn_ = nullptr;
      throw;
    }
  }
  ~PgConnection() override {
    if (conn_) PQfinish(conn_);
  }

  std::unique_ptr<PreparedStatement> Prepare(std::string_view sql) override {
    auto translated = dialect::ForPostgres(sql);
    return std::make_unique<PgStatement>(*this, std::move(translated.sql), translated.parameters, std::move(translated.used));
  }

  void ExecScript(std::string_view sql) override {
    const std::string text(sql);
    Retrying([&] {
      PGresult* r = PQexec(conn_, text.c_str());
      Check(r, text);
      PQclear(r);
    });
  }

  // Runs `attempt` once, and once more on a fresh connection when the server had dropped
  // this one while it was idle: nothing was lost, so the caller need not know (a restarted
  // or failed-over server costs the first statement a reconnect, not an error).
  template <typename F>
  void Retrying(F&& attempt) {
    EnsureConnected();
    const bool idle = PQtransactionStatus(conn_) == PQTRANS_IDLE;
    try {
      attempt();
    } catch (const DatabaseError& e) {
      if (!idle || e.kind() != DatabaseError::Kind::kUnavailable || PQstatus(conn_) == CONNECTION_OK) throw;
      EnsureConnected();
      attempt();
    }
  }

  bool InTransaction() const override {
    auto s = PQtransactionStatus(conn_);
    return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
  }

  // Reconnects a connection the server dropped (a restart, a failover). Inside a transaction
  // a lost connection is the transaction's failure: the caller sees kUnavailable and the
  // next request starts afresh.
  void EnsureConnected() {
    if (PQstatus(conn_) == CONNECTION_OK) return;
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK)
      throw DatabaseError("PostgreSQL is unreachable: " + FirstLine(PQerrorMessage(conn_)), DatabaseError::Kind::kUnavailable);
    ++generation_;
    Setup();
    log::Info("reconnected to PostgreSQL", {{"writer", writer_ ? "yes" : "no"}});
  }

  // Throws for a failed result (and frees it).
  void Check(PGresult* r, std::string_view sql) {
    auto status = PQresultStatus(r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    const char* state_field = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string state = state_field ? state_field : "";
    std::string message = primary ? primary : FirstLine(PQerrorMessage(conn_));
    PQclear(r);
    // No SQLSTATE: no answer from the server (the connection is gone).
    auto kind = state.empty() ? DatabaseError::Kind::kUnavailable : KindOf(state);
    if (PQstatus(conn_) != CONNECTION_OK) kind = DatabaseError::Kind::kUnavailable;
    throw DatabaseError(message + " [" + (state.empty() ? "no connection" : state) + "] in: " + std::string(sql.substr(0, 300)),
                        kind);
  }

  PGconn* raw() { return conn_; }
  std::uint64_t generation() const { return generation_; }
  std::string NextName() { return "a" + std::to_string(++names_); }

 private:
  void Connect() {
    // Our defaults first: what the connection string says wins (expand_dbname).
    const std::string timeout = "5";
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {timeout.c_str(), "agora", options_.url.c_str(), nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = FirstLine(PQerrorMessage(conn_));
      throw DatabaseError("cannot connect to PostgreSQL: " + message, DatabaseError::Kind::kUnavailable);
    }
    Setup();
  }

  void Setup() {
    // A statement that runs away is cancelled; a transaction left open by a bug does not hold
    // its locks and snapshot for ever. Times are stored as integers: the session time zone
    // only matters to an operator's psql.
    std::string sql = "SET statement_timeout = " + std::to_string(options_.statement_timeout_ms) +
                      "; SET idle_in_transaction_session_timeout = 60000; SET client_min_messages = warning;"
                      " SET TIME ZONE 'UTC'";
    PGresult* r = PQexec(conn_, sql.c_str());
    Check(r, "session setup");
    PQclear(r);
    if (PQsetClientEncoding(conn_, "UTF8") != 0) throw DatabaseError("PostgreSQL: cannot use UTF-8", DatabaseError::Kind::kOther);
    if (writer_ && generation_ == 1) CheckDatabaseLocale();
  }

  // Agora's text rules (lower(), word classes, the GIN index over names) need a UTF-8 database
  // whose character classes are Unicode's: refuse to start on one that would quietly answer
  // differently (docs/operations.md, "Running on PostgreSQL").
  void CheckDatabaseLocale() {
    PGresult* r = PQexec(conn_,
                         "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = current_database()");
    Check(r, "database locale");
    std::string encoding = PQntuples(r) ? PQgetvalue(r, 0, 0) : "";
    std::string ctype = PQntuples(r) ? PQgetvalue(r, 0, 1) : "";
    PQclear(r);
    if (encoding != "UTF8" || ctype == "C" || ctype == "POSIX")
      throw DatabaseError("the PostgreSQL database has encoding " + encoding + " and LC_CTYPE " + ctype +
                              "; Agora needs one created with ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0",
                          DatabaseError::Kind::kOther);
  }

  DatabaseOptions options_;
  bool writer_;
  PGconn* conn_ = nullptr;
  std::uint64_t generation_ = 1;
  std::uint64_t names_ = 0;
};

void PgStatement::Execute() {
  conn_.Retrying([&] { ExecuteOnce(); });
}

void PgStatement::ExecuteOnce() {
  const int n = std::max(params_, static_cast<int>(bound_.size()));
  if (static_cast<int>(bound_.size()) < n) bound_.resize(static_cast<size_t>(n));
  std::basic_string<Oid> types;
  std::vector<const char*> values(static_cast<size_t>(n));
  std::vector<int> lengths(static_cast<size_t>(n)), formats(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    const Param& p = bound_[static_cast<size_t>(i)];
    // A parameter the text never mentions must still have a type for the server to accept
    // the statement; NULLs that it does mention take theirs from where they stand.
    const bool used = static_cast<size_t>(i) < used_.size() && used_[static_cast<size_t>(i)];
    types.push_back(p.type == 0 && !used ? kTextOid : p.type);
    values[static_cast<size_t>(i)] = p.null ? nullptr : p.value.c_str();
    lengths[static_cast<size_t>(i)] = static_cast<int>(p.value.size());
    formats[static_cast<size_t>(i)] = p.binary ? 1 : 0;
  }
  if (prepared_generation_ != conn_.generation()) {
    prepared_.clear();
    prepared_generation_ = conn_.generation();
  }
  const std::string* name = nullptr;
  for (const auto& [t, nm] : prepared_)
    if (t == types) name = &nm;
  if (!name) {
    std::string fresh = conn_.NextName();
    PGresult* r = PQprepare(conn_.raw(), fresh.c_str(), sql_.c_str(), n, types.data());
    conn_.Check(r, sql_);
    PQclear(r);
    prepared_.emplace_back(types, std::move(fresh));
    name = &prepared_.back().second;
  }
  PGresult* r = PQexecPrepared(conn_.raw(), name->c_str(), n, values.data(), lengths.data(), formats.data(), 0);
  conn_.Check(r, sql_);
  result_ = r;
  rows_ = PQntuples(r);
  const char* changed = PQcmdTuples(r);
  changes_ = changed && *changed ? std::atoll(changed) : 0;
}

bool PgStatement::Step() {
  if (!result_) {
    Execute();
    row_ = 0;
  } else {
    ++row_;
  }
  return row_ < rows_;
}

class PostgresEngine final : public Engine {
 public:
  explicit PostgresEngine(DatabaseOptions options) : options_(std::move(options)) {}

  Database::Kind kind() const override { return Database::Kind::kPostgres; }
  std::unique_ptr<EngineConnection> Open(bool writer) override { return std::make_unique<PgConnection>(options_, writer); }

  // SERIALIZABLE: a service checks and then writes inside one transaction, and on several
  // nodes only this level keeps that sound; a conflict is retried by Database::Write.
  std::string_view BeginWrite() const override { return "BEGIN ISOLATION LEVEL SERIALIZABLE"; }
  // One snapshot for every statement of a Read(), as SQLite's read transactions give.
  std::string_view BeginRead() const override { return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"; }

  // Moves whenever anything is written to the server (a superset of commits to this
  // database, which only costs the in-memory copies an extra look).
  std::int64_t DataVersion(Connection& reader) override {
    auto q = reader.Prepare("SELECT pg_current_wal_insert_lsn()::text");
    if (!q.Next()) return 0;
    std::string_view lsn = q.TextView(0);  // "16/B374D848"
    auto slash = lsn.find('/');
    std::uint64_t hi = 0, lo = 0;
    std::from_chars(lsn.data(), lsn.data() + slash, hi, 16);
    std::from_chars(lsn.data() + slash + 1, lsn.data() + lsn.size(), lo, 16);
    return static_cast<std::int64_t>((hi << 32) | lo);
  }

  void Checkpoint(Connection&) override {}  // the server's own business

  // PostgreSQL enforces every constraint itself and checksums pages when the cluster was
  // initialised with --data-checksums; the extension amcheck verifies indexes
  // (docs/operations.md). Here: that every table answers.
  std::vector<std::string> IntegrityProblems(Connection& c) override {
    std::vector<std::string> problems;
    auto tables = c.Prepare(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename");
    std::vector<std::string> names;
    while (tables.Next()) names.push_back(tables.Text(0));
    for (const auto& t : names) {
      try {
        c.Prepare("SELECT count(*) FROM \"" + t + "\"").Run();
      } catch (const DatabaseError& e) {
        problems.push_back(t + ": " + e.what());
      }
    }
    return problems;
  }

  // A bulk load (agora seed) need not wait for each commit to reach the disk: a crash means
  // seeding again. Foreign keys stay checked (switching them off needs a superuser).
  void SetBulkLoad(Connection& writer, bool on) override {
    writer.ExecScript(on ? "SET synchronous_commit = off" : "RESET synchronous_commit");
  }

  void Analyze(Connection& writer) override { writer.ExecScript("ANALYZE"); }

 private:
  DatabaseOptions options_;
};

}  // namespace

std::unique_ptr<Engine> OpenPostgresEngine(const DatabaseOptions& options) {
  return std::make_unique<PostgresEngine>(options);
}

}  // namespace agora::store
