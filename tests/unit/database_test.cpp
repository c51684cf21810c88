#include "store/database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "store/migrations.h"
#include "test_support.h"

namespace agora::store {

TEST(Database, WriteCommitsAndReadSeesIt) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"); });
  db->Write([](Connection& c) { c.Prepare("INSERT INTO t VALUES (?, ?)", 1, "Åsa").Run(); });
  auto q = db->Reader().Prepare("SELECT name FROM t WHERE id = ?", 1);
  ASSERT_TRUE(q.Next());
  EXPECT_EQ(q.Text(0), "Åsa");
}

// An empty std::string_view may hold a null pointer: it is empty text, not NULL (PostgreSQL
// binds it so; SQLite would have bound NULL and failed a NOT NULL column).
TEST(Database, AnEmptyViewIsEmptyTextNotNull) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"); });
  db->Write([](Connection& c) { c.Prepare("INSERT INTO t VALUES (?, ?)", 1, std::string_view{}).Run(); });
  auto q = db->Reader().Prepare("SELECT name IS NULL, length(name) FROM t WHERE id = ?", 1);
  ASSERT_TRUE(q.Next());
  EXPECT_EQ(q.Int(0), 0);
  EXPECT_EQ(q.Int(1), 0);
}

// What a cache may keep: a read that began before another thread's commit is no longer
// current (the commit's event may already have been applied), a read begun after it is.
TEST(Database, AReadIsCurrentUntilSomethingCommits) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY)"); });
  db->Read([&](Connection& c) {
    c.Prepare("SELECT count(*) FROM t").Next();
    EXPECT_TRUE(db->ReadIsCurrent());
    std::thread([&] { db->Write([](Connection& w) { w.Prepare("INSERT INTO t VALUES (1)").Run(); }); }).join();
    EXPECT_FALSE(db->ReadIsCurrent());
  });
  db->Read([&](Connection&) { EXPECT_TRUE(db->ReadIsCurrent()); });
  EXPECT_FALSE(db->ReadIsCurrent()) << "outside a read";
}

TEST(Database, ErrorResultRollsBack) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY)"); });
  Status st = db->Write([](Connection& c) -> Status {
    c.Prepare("INSERT INTO t VALUES (1)").Run();
    return Error::Conflict("no");
  });
  EXPECT_FALSE(st);
  auto q = db->Reader().Prepare("SELECT count(*) FROM t");
  q.Next();
  EXPECT_EQ(q.Int(0), 0);
}

TEST(Database, ExceptionRollsBackAndPropagates) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY)"); });
  EXPECT_THROW(db->Write([](Connection& c) {
    c.Prepare("INSERT INTO t VALUES (1)").Run();
    c.Prepare("INSERT INTO t VALUES (1)").Run();  // duplicate key
  }),
               DatabaseError);
  auto q = db->Reader().Prepare("SELECT count(*) FROM t");
  q.Next();
  EXPECT_EQ(q.Int(0), 0);
}

TEST(Database, ConstraintViolationsAreMarked) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);"); });
  try {
    db->Write([](Connection& c) { c.Prepare("INSERT INTO t VALUES (1)").Run(); });
    FAIL() << "expected a constraint error";
  } catch (const DatabaseError& e) {
    EXPECT_TRUE(e.constraint());
  }
}

TEST(Database, NestedQueriesWithTheSameTextWork) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1),(2);"); });
  db->Read([](Connection& c) {
    auto outer = c.Prepare("SELECT id FROM t ORDER BY id");
    int pairs = 0;
    while (outer.Next()) {
      auto inner = c.Prepare("SELECT id FROM t ORDER BY id");
      while (inner.Next()) ++pairs;
    }
    EXPECT_EQ(pairs, 4);
  });
}

TEST(Database, ReadersOnOtherThreadsSeeCommittedWrites) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER)"); });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&db, t] {
      for (int i = 0; i < 50; ++i) {
        db->Write([&](Connection& c) { c.Prepare("INSERT INTO t VALUES (?)", t * 1000 + i).Run(); });
        auto q = db->Reader().Prepare("SELECT count(*) FROM t WHERE id = ?", t * 1000 + i);
        q.Next();
        ASSERT_EQ(q.Int(0), 1);
      }
    });
  for (auto& th : threads) th.join();
  auto q = db->Reader().Prepare("SELECT count(*) FROM t");
  q.Next();
  EXPECT_EQ(q.Int(0), 200);
}

namespace {
std::int64_t CountRows(Database& db) {
  return db.Read([](Connection& c) {
    auto q = c.Prepare("SELECT count(*) FROM t");
    q.Next();
    return q.Int(0);
  });
}
}  // namespace

// A thread that reuses read snapshots sees its own process's writes at once, another
// process's writes once the snapshot is older than its limit, and holds no snapshot after
// ReleaseStaleRead past that limit (which would block checkpoints).
TEST(Database, ReusedReadSnapshotsEndOnWritesAndWithAge) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  auto other = Database::Open({dir.File("t.db")});  // stands for another process
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY)"); });
  db->ReuseReadsOnThisThread(200);
  EXPECT_EQ(CountRows(*db), 0);
  EXPECT_TRUE(db->Reader().InTransaction());  // held beyond the scope
  db->Write([](Connection& c) { c.Prepare("INSERT INTO t VALUES (1)").Run(); });
  EXPECT_EQ(CountRows(*db), 1);  // this process wrote: a new snapshot
  other->Write([](Connection& c) { c.Prepare("INSERT INTO t VALUES (2)").Run(); });
  EXPECT_EQ(CountRows(*db), 1);  // still the held snapshot
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_EQ(CountRows(*db), 2);  // too old: a new one
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  db->ReleaseStaleRead();
  EXPECT_FALSE(db->Reader().InTransaction());
  db->ReuseReadsOnThisThread(0);
  EXPECT_EQ(CountRows(*db), 2);
  EXPECT_FALSE(db->Reader().InTransaction());  // off again: every read ends with its scope
}

// Under steady reads SQLite's own checkpoint cannot empty the log (a reader is always on
// it); the background one holds writes back, waits for readers' snapshots to move on and
// restarts it. The writing thread also reuses snapshots: it must not hold one while it
// waits for the writer, or the two wait for each other until the busy timeout.
TEST(Database, BackgroundCheckpointsKeepTheLogSmallUnderSteadyReads) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db"), 200});
  db->Write([](Connection& c) { c.ExecScript("CREATE TABLE t (id INTEGER PRIMARY KEY, pad BLOB)"); });
  db->StartBackgroundCheckpoints(100, 500);
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    db->ReuseReadsOnThisThread(5);
    while (!stop) {
      CountRows(*db);
      db->ReleaseStaleRead();
    }
    db->ReuseReadsOnThisThread(0);
  });
  db->ReuseReadsOnThisThread(60'000);  // only its own writes end this thread's snapshots
  const std::string pad(16 * 1024, 'x');
  const int rows = 1500;  // about 4 pages each: 6,000 pages of log written
  for (int i = 1; i <= rows; ++i) {
    CountRows(*db);
    db->Write([&](Connection& c) { c.Prepare("INSERT INTO t VALUES (?1, ?2)", i, pad).Run(); });
  }
  stop = true;
  reader.join();
  db->ReuseReadsOnThisThread(0);
  EXPECT_EQ(CountRows(*db), rows);
  const auto log_bytes = std::filesystem::file_size(dir.File("t.db") + "-wal");
  // Never restarted, the log would hold all 6,000 pages (24 MB); half of that proves it was,
  // with room for a checkpoint thread that a loaded machine (a sanitizer build) runs late.
  EXPECT_LT(log_bytes, 6000u * 4096 / 2) << "the log was not restarted";
}

TEST(Migrations, ApplyOnceAndRefuseEditedOrUnknownOnes) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("t.db")});
  std::vector<Migration> v1 = {{1, "0001_a", "CREATE TABLE a (x INTEGER);"}};
  auto r = Migrate(*db, v1);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->applied.size(), 1u);
  r = Migrate(*db, v1);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->applied.empty());

  std::vector<Migration> edited = {{1, "0001_a", "CREATE TABLE a (x INTEGER, y TEXT);"}};
  auto bad = Migrate(*db, edited);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("0001_a"), std::string::npos);

  std::vector<Migration> v2 = {{1, "0001_a", "CREATE TABLE a (x INTEGER);"}, {2, "0002_b", "CREATE TABLE b (x INTEGER);"}};
  ASSERT_TRUE(Migrate(*db, v2));
  auto older = Migrate(*db, v1);  // an older binary meets a newer database
  ASSERT_FALSE(older);
}

TEST(Migrations, EmbeddedMigrationsApplyToAFreshDatabase) {
  testing::TempDir dir;
  auto db = testing::MigratedDatabase(dir);
  auto q = db->Reader().Prepare("SELECT count(*) FROM schema_migrations");
  q.Next();
  EXPECT_EQ(q.Int(0), static_cast<std::int64_t>(EmbeddedMigrations().size()));
}

// Migration 21 renames handles of digits alone, which read as ids (people and communities).
TEST(Migrations, HandlesOfDigitsAloneAreRenamed) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("agora.db")});
  std::vector<Migration> before;
  const Migration* fix = nullptr;
  for (const auto& m : EmbeddedMigrations()) {
    if (m.version < 21) before.push_back(m);
    if (m.version == 21) fix = &m;
  }
  ASSERT_TRUE(fix);
  ASSERT_TRUE(Migrate(*db, before));
  db->Write([](Connection& c) {
    const char* user = "INSERT INTO users (id, email, email_key, handle, display_name, role, created_at, updated_at)"
                       " VALUES (?1, ?2, ?2, ?3, 'x', 'member', 0, 0)";
    c.Prepare(user, 1, "a@x", "915202108720939008").Run();   // digits: renamed u...
    c.Prepare(user, 2, "b@x", "u4711").Run();                // takes the rename of the next one
    c.Prepare(user, 3, "c@x", "4711").Run();                 // so it becomes u-3
    c.Prepare(user, 4, "d@x", "ana.4711").Run();             // not digits alone: kept
    c.Prepare(user, 5, "e@x", std::string(30, '7')).Run();   // too long for a prefix: u-5
    c.Prepare("INSERT INTO communities (id, handle, name, type, created_by, created_at, updated_at)"
              " VALUES (9, '2026', 'Year', 'open', 1, 0, 0)").Run();
  });
  std::vector<Migration> all = before;
  all.push_back(*fix);
  ASSERT_TRUE(Migrate(*db, all));
  auto handle = [&](const char* sql, int id) {
    return db->Read([&](Connection& c) {
      auto q = c.Prepare(sql, id);
      q.Next();
      return q.Text(0);
    });
  };
  const char* users = "SELECT handle FROM users WHERE id = ?";
  EXPECT_EQ(handle(users, 1), "u915202108720939008");
  EXPECT_EQ(handle(users, 2), "u4711");
  EXPECT_EQ(handle(users, 3), "u-3");
  EXPECT_EQ(handle(users, 4), "ana.4711");
  EXPECT_EQ(handle(users, 5), "u-5");
  EXPECT_EQ(handle("SELECT handle FROM communities WHERE id = ?", 9), "c2026");
}

// Migration 24 adds users.name_words; Migrate fills it for the people already there (the
// full-text index follows), and writes it again when the rules' version changes.
TEST(Migrations, NameWordsAreWrittenForExistingPeople) {
  testing::TempDir dir;
  auto db = Database::Open({dir.File("agora.db")});
  std::vector<Migration> before;
  for (const auto& m : EmbeddedMigrations())
    if (m.version < 24) before.push_back(m);
  ASSERT_TRUE(Migrate(*db, before));
  db->Write([](Connection& c) {
    c.Prepare("INSERT INTO users (id, email, email_key, handle, display_name, role, created_at, updated_at)"
              " VALUES (1, 'a@x', 'a@x', 'asa', 'Åsa Öberg', 'member', 0, 0)").Run();
  });
  ASSERT_TRUE(Migrate(*db));
  auto words = [&] {
    return db->Read([](Connection& c) {
      auto q = c.Prepare("SELECT name_words FROM users WHERE id = 1");
      q.Next();
      return q.Text(0);
    });
  };
  EXPECT_EQ(words(), "aasa asa oberg oeberg");
  auto found = db->Read([](Connection& c) {
    auto q = c.Prepare("SELECT rowid FROM people_names WHERE people_names MATCH '\"oeb\"*'");
    return q.Next() ? q.Int(0) : 0;
  });
  EXPECT_EQ(found, 1);
  // Rules changed (as a new binary would say): the words are written again.
  db->Write([](Connection& c) {
    c.Prepare("UPDATE users SET name_words = 'stale' WHERE id = 1").Run();
    c.Prepare("UPDATE store_facts SET value = 'older' WHERE key = 'name_words'").Run();
  });
  ASSERT_TRUE(Migrate(*db));
  EXPECT_EQ(words(), "aasa asa oberg oeberg");
}

TEST(Backup, CopiesAConsistentSnapshotAndRestores) {
  testing::TempDir dir;
  auto db = testing::MigratedDatabase(dir);
  db->Write([](Connection& c) {
    c.Prepare("INSERT INTO audit_log (id, action, created_at) VALUES (1, 'before', 0)").Run();
  });
  db->BackupTo(dir.File("backup.db"));
  EXPECT_FALSE(db->CheckBackup(dir.File("backup.db")));  // SQLite's file or pg_dump's archive
  db->Write([](Connection& c) {
    c.Prepare("INSERT INTO audit_log (id, action, created_at) VALUES (2, 'after', 0)").Run();
  });
  db->RestoreFrom(dir.File("backup.db"));
  auto q = db->Reader().Prepare("SELECT action FROM audit_log ORDER BY id");
  ASSERT_TRUE(q.Next());
  EXPECT_EQ(q.Text(0), "before");
  EXPECT_FALSE(q.Next());
}

TEST(Backup, RejectsFilesThatAreNotAgoraBackups) {
  testing::TempDir dir;
  {
    std::FILE* f = std::fopen(dir.File("junk").c_str(), "w");
    std::fputs("this is not a database, just some text that is long enough to be a header", f);
    std::fclose(f);
  }
  EXPECT_TRUE(Database::CheckBackupFile(dir.File("junk")));
  auto other = Database::Open({dir.File("other.db")});
  other->Write([](Connection& c) { c.ExecScript("CREATE TABLE x (y INTEGER)"); });
  EXPECT_TRUE(Database::CheckBackupFile(dir.File("other.db")));
}

}  // namespace agora::store
