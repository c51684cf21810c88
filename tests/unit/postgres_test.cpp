// The PostgreSQL engine against a real server: the throwaway one scripts/run-tests.sh starts
// (scripts/pg-test-server.sh) and names in TEST_PG_SOCKET. Without it the Postgres.* tests
// fail, saying so: the script runs them only in its PostgreSQL pass (ctest -E '^Postgres\.'
// elsewhere). PostgresOffline.* and Dialect.* need no server and run in every pass.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "store/database.h"
#include "store/dialect.h"
#include "store/migrations.h"
#include "test_support.h"

namespace agora::store {
namespace {

std::string Socket() {
  const char* s = std::getenv("TEST_PG_SOCKET");
  return s ? s : "";
}

std::string NewDatabase() { return testing::NewPostgresDatabase(); }

std::unique_ptr<Database> OpenPg(const std::string& url) {
  DatabaseOptions o;
  o.url = url;
  return Database::Open(o);
}

#define REQUIRE_POSTGRES() \
  if (Socket().empty()) FAIL() << "TEST_PG_SOCKET is not set: run through scripts/run-tests.sh (make test)"

TEST(Postgres, ValuesRoundTrip) {
  REQUIRE_POSTGRES();
  auto db = OpenPg(NewDatabase());
  EXPECT_EQ(db->kind(), Database::Kind::kPostgres);
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, score DOUBLE PRECISION, raw BYTEA)"); });
  const std::string blob("a\0b\xff\x01", 5);
  db->Write([&](Connection& c) {
    c.Prepare("INSERT INTO t VALUES (?, ?, ?, ?)", std::int64_t{9'007'199'254'740'993}, "Åsa Дмитрий", 2.5, nullptr).Run();
    c.Prepare("UPDATE t SET raw = ?2 WHERE id = ?1", std::int64_t{9'007'199'254'740'993}, nullptr).Run();
    auto q = c.Prepare("UPDATE t SET raw = ?1");
    q.BindBlob(1, blob);
    EXPECT_EQ(q.Run(), 1);
  });
  auto q = db->Reader().Prepare("SELECT id, name, score, raw, id > 5, name IS NULL FROM t WHERE name LIKE ?1", "åsa%");
  ASSERT_TRUE(q.Next());  // LIKE ignores case, as SQLite's does
  EXPECT_EQ(q.Int(0), 9'007'199'254'740'993);
  EXPECT_EQ(q.Text(1), "Åsa Дмитрий");
  EXPECT_DOUBLE_EQ(q.Real(2), 2.5);
  EXPECT_EQ(q.Blob(3), blob);
  EXPECT_EQ(q.Int(4), 1);  // booleans read as 1 and 0
  EXPECT_EQ(q.Int(5), 0);
  EXPECT_FALSE(q.Next());
}

// What the startup banner and messages show of the connection string: never a password.
TEST(Postgres, DescribeShowsNoPassword) {
  REQUIRE_POSTGRES();
  const auto key_value = NewDatabase();  // host=... user=agora dbname=...
  const auto dbname = key_value.substr(key_value.rfind('=') + 1);
  auto plain = OpenPg(key_value + " password=secret-one");
  EXPECT_EQ(plain->Describe().find("secret"), std::string::npos) << plain->Describe();
  EXPECT_NE(plain->Describe().find(dbname), std::string::npos) << plain->Describe();
  auto url = OpenPg("postgresql://agora:secret-two@/" + dbname + "?host=" + Socket() + "&password=secret-three");
  EXPECT_EQ(url->Describe(), "postgresql:///" + dbname);
}

TEST(Postgres, UniqueViolationIsAConstraintError) {
  REQUIRE_POSTGRES();
  auto db = OpenPg(NewDatabase());
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id BIGINT PRIMARY KEY); INSERT INTO t VALUES (1);"); });
  try {
    db->Write([](Connection& c) { c.Prepare("INSERT INTO t VALUES (?1)", 1).Run(); });
    FAIL() << "expected a constraint error";
  } catch (const DatabaseError& e) {
    EXPECT_TRUE(e.constraint()) << e.what();
    EXPECT_NE(std::string(e.what()).find("23505"), std::string::npos) << e.what();
  }
  // The failed transaction was rolled back; the connection goes on.
  db->Write([](Connection& c) { c.Prepare("INSERT INTO t VALUES (?1)", 2).Run(); });
  auto q = db->Reader().Prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(q.Next());
  EXPECT_EQ(q.Int(0), 2);
}

// Two nodes change the same row: the one that loses the race gets 40001 from the server and
// Database::Write runs its transaction again, now seeing the other's change.
TEST(Postgres, SerializationFailureRunsTheTransactionAgain) {
  REQUIRE_POSTGRES();
  const auto url = NewDatabase();
  auto node_a = OpenPg(url);
  auto node_b = OpenPg(url);
  node_a->Write([](Connection& c) { c.ExecScript("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT); INSERT INTO counter VALUES (1, 0);"); });
  int attempts = 0;
  node_a->Write([&](Connection& c) {
    ++attempts;
    auto q = c.Prepare("SELECT n FROM counter WHERE id = 1");
    ASSERT_TRUE(q.Next());
    const auto seen = q.Int(0);
    if (attempts == 1)  // the other node commits its increment after this one read
      node_b->Write([](Connection& other) { other.Prepare("UPDATE counter SET n = n + 1 WHERE id = 1").Run(); });
    c.Prepare("UPDATE counter SET n = ?1 WHERE id = 1", seen + 1).Run();
  });
  EXPECT_EQ(attempts, 2);
  auto q = node_a->Reader().Prepare("SELECT n FROM counter WHERE id = 1");
  ASSERT_TRUE(q.Next());
  EXPECT_EQ(q.Int(0), 2) << "neither increment was lost";
}

TEST(Postgres, RetriesAreBounded) {
  REQUIRE_POSTGRES();
  const auto url = NewDatabase();
  auto node_a = OpenPg(url);
  auto node_b = OpenPg(url);
  node_a->Write([](Connection& c) { c.ExecScript("CREATE TABLE counter (id BIGINT PRIMARY KEY, n BIGINT); INSERT INTO counter VALUES (1, 0);"); });
  int attempts = 0;
  try {
    node_a->Write([&](Connection& c) {
      ++attempts;
      c.Prepare("SELECT n FROM counter WHERE id = 1").Run();
      node_b->Write([](Connection& other) { other.Prepare("UPDATE counter SET n = n + 1 WHERE id = 1").Run(); });
      c.Prepare("UPDATE counter SET n = 0 WHERE id = 1").Run();
    });
    FAIL() << "expected the conflict to surface";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::kRetry) << e.what();
  }
  EXPECT_EQ(attempts, Database::kWriteAttempts);
}

// The server ends a connection (a restart, a failover). An idle connection reconnects on its
// next statement without the caller noticing, and prepares its statements again; inside a
// transaction the loss is the transaction's failure, "unavailable" (a 503 to the client).
TEST(Postgres, ReconnectsAfterTheServerDropsTheConnection) {
  REQUIRE_POSTGRES();
  const auto url = NewDatabase();
  auto db = OpenPg(url);
  auto other = OpenPg(url);
  const char* kRead = "SELECT count(*) FROM users WHERE id > ?1";
  auto backend = [&] {
    auto q = db->Reader().Prepare("SELECT pg_backend_pid()");
    EXPECT_TRUE(q.Next());
    return q.Int(0);
  };
  auto terminate = [&](std::int64_t pid) {
    auto q = other->Reader().Prepare("SELECT pg_terminate_backend(CAST(?1 AS INTEGER))", pid);
    ASSERT_TRUE(q.Next());
    ASSERT_EQ(q.Int(0), 1);
  };
  const auto first = backend();
  {
    auto r = db->Reader().Prepare(kRead, 0);
    ASSERT_TRUE(r.Next());
  }
  terminate(first);
  {
    auto r = db->Reader().Prepare(kRead, 0);  // prepared again on the new connection
    ASSERT_TRUE(r.Next());
    EXPECT_EQ(r.Int(0), 0);
  }
  const auto second = backend();
  EXPECT_NE(second, first);

  bool failed = false;
  db->Read([&](Connection& c) {
    c.Prepare(kRead, 0).Run();
    terminate(second);
    try {
      c.Prepare(kRead, 1).Run();
    } catch (const DatabaseError& e) {
      failed = true;
      EXPECT_EQ(e.kind(), DatabaseError::Kind::kUnavailable) << e.what();
    }
  });
  EXPECT_TRUE(failed) << "a transaction cut short must fail, not carry on in a new one";
  EXPECT_TRUE(db->Ping());
}

TEST(PostgresOffline, UnreachableServerIsUnavailable) {
  DatabaseOptions o;
  o.url = "host=/nonexistent-socket-dir user=agora dbname=agora";
  try {
    Database::Open(o);
    FAIL() << "expected no connection";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::kUnavailable) << e.what();
  }
}

// The same numbered migrations give the same tables and columns on both engines.
TEST(Postgres, SchemaMatchesSqlite) {
  REQUIRE_POSTGRES();
  testing::TempDir dir;
  auto lite = Database::Open({dir.File("agora.db")});
  ASSERT_TRUE(Migrate(*lite));
  auto pg = OpenPg(NewDatabase());
  auto columns = [](Database& db, const char* sql) {
    std::set<std::string> out;
    auto q = db.Reader().Prepare(sql);
    while (q.Next()) out.insert(q.Text(0));
    return out;
  };
  auto on_sqlite = columns(*lite,
                           "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p"
                           " WHERE m.type = 'table' AND m.name NOT LIKE 'people_names%' AND m.name <> 'sqlite_sequence'");
  auto on_postgres = columns(*pg,
                             "SELECT table_name || '.' || column_name FROM information_schema.columns"
                             " WHERE table_schema = 'public' AND column_name <> 'rowid'");
  EXPECT_EQ(on_sqlite, on_postgres);
  EXPECT_GT(on_postgres.size(), 150u);
}

TEST(Dialect, ParametersAndTranslations) {
  auto t = dialect::ForPostgres("SELECT ? , ?, '?' , \"a?\" FROM x WHERE a = ?5 AND b LIKE ? -- ?\n");
  EXPECT_EQ(t.sql, "SELECT $1 , $2, '?' , \"a?\" FROM x WHERE a = $5 AND b ILIKE $6 -- ?\n");
  EXPECT_EQ(t.parameters, 6);
  EXPECT_EQ(t.used, (std::vector<bool>{true, true, false, false, true, true}));
  auto m = dialect::ForPostgres("SELECT rowid AS id FROM people_names WHERE people_names MATCH ?9");
  EXPECT_NE(m.sql.find("agora_name_tsquery($9)"), std::string::npos) << m.sql;
  EXPECT_EQ(m.sql.find("people_names"), std::string::npos) << m.sql;
  EXPECT_EQ(dialect::ForPostgres("SELECT unlike, LIKELY FROM t").sql, "SELECT unlike, LIKELY FROM t");
  EXPECT_EQ(dialect::ForPostgres("FROM m CROSS JOIN users u ON u.id = m.id").sql, "FROM m JOIN users u ON u.id = m.id");
  EXPECT_EQ(dialect::ForPostgres("SELECT group_concat(a, ','), my_group_concat(b) FROM t").sql,
            "SELECT string_agg(a, ','), my_group_concat(b) FROM t");
}

}  // namespace
}  // namespace agora::store
