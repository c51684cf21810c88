#include "store/migrations.h"

#include <optional>

#include "core/clock.h"
#include "core/collation.h"
#include "core/log.h"
#include "core/crypto.h"
#include "core/name_words.h"

namespace agora::store {

namespace {
constexpr std::string_view kCreateTable[] = {
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)"};
constexpr std::string_view kApplied = "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kRecord =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)";
}  // namespace

std::string_view MigrationText(const Migration& m, Database::Kind kind) {
  if (kind == Database::Kind::kSqlite) return m.sql;
  if (m.postgres_sql) return m.postgres_sql;
  if (m.version <= kPostgresBaseline) return "";
  return m.sql;
}

namespace {
constexpr std::string_view kHasFacts[] = {
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_facts'",
    "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'store_facts'"};

// Rebuilds every index sorted by one of our collations.
void Reindex(Connection& c, Database::Kind kind) {
  if (kind == Database::Kind::kSqlite) {
    for (const auto& order : collation::kOrders) c.ExecScript("REINDEX " + collation::SqlName(order.name));
    return;
  }
  // PostgreSQL records each collation's ICU version and warns while it differs from the
  // library's; refreshing it after the rebuild says the indexes follow the new rules.
  std::vector<std::string> indexes;
  {
    auto q = c.Prepare(
        "SELECT DISTINCT i.indexrelid::regclass::text FROM pg_index i JOIN pg_collation co"
        " ON co.oid = ANY (i.indcollation::oid[]) WHERE co.collname LIKE 'agora\\_%'");
    while (q.Next()) indexes.push_back(q.Text(0));
  }
  for (const auto& index : indexes) c.ExecScript("REINDEX INDEX " + index);
  for (const auto& order : collation::kOrders) c.ExecScript("ALTER COLLATION " + collation::SqlName(order.name) + " REFRESH VERSION");
}

// Indexes sorted with ICU collations are only valid for the rules they were built with: when
// an ICU upgrade changes a collation's version, rebuild them (a few seconds per 100,000 names).
void RebuildIfCollationsChanged(Database& db) {
  std::string now = collation::VersionFingerprint();
  const auto kind = db.kind();
  db.Write([&](Connection& c) {
    if (!c.Prepare(kHasFacts[kind == Database::Kind::kSqlite ? 0 : 1]).Next()) return;
    std::optional<std::string> built;
    {
      auto q = c.Prepare("SELECT value FROM store_facts WHERE key = 'collations'");
      if (q.Next()) built = q.Text(0);
    }
    if (built == now) return;
    if (built) {
      log::Info("collation rules changed; rebuilding name indexes", {{"was", *built}, {"now", now}});
      Reindex(c, kind);
    }
    c.Prepare("INSERT INTO store_facts (key, value) VALUES ('collations', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
              now).Run();
  });
}

// users.name_words (core/name_words.h) depends on our transliteration rules and ICU's data:
// when either changed, or the column is new, write every person's words again (about 10 s
// per 100,000 names with scripts to transliterate; ASCII names cost next to nothing).
constexpr int kNameWordsMigration = 24;  // 0024_name_words.sql added the column
void RebuildNameWordsIfChanged(Database& db) {
  const std::string now = text::NameWordsVersion();
  const auto kind = db.kind();
  std::vector<std::pair<std::int64_t, std::string>> names;
  bool stale = false;
  db.Read([&](Connection& c) {
    if (!c.Prepare(kHasFacts[kind == Database::Kind::kSqlite ? 0 : 1]).Next()) return;
    auto q = c.Prepare("SELECT value FROM store_facts WHERE key = 'name_words'");
    stale = !q.Next() || q.Text(0) != now;
    if (!stale) return;
    auto rows = c.Prepare("SELECT id, display_name FROM users");
    while (rows.Next()) names.emplace_back(rows.Int(0), rows.Text(1));
  });
  if (!stale) return;
  if (!names.empty()) log::Info("writing the search words of every name", {{"people", std::to_string(names.size())}});
  constexpr size_t kBatch = 2000;
  for (size_t from = 0; from < names.size(); from += kBatch) {
    std::vector<std::string> words;
    for (size_t i = from; i < std::min(names.size(), from + kBatch); ++i) words.push_back(text::SearchableName(names[i].second));
    db.Write([&](Connection& c) {
      for (size_t i = 0; i < words.size(); ++i)
        c.Prepare("UPDATE users SET name_words = ?1 WHERE id = ?2 AND name_words <> ?1", words[i], names[from + i].first).Run();
    });
  }
  db.Write([&](Connection& c) {
    c.Prepare("INSERT INTO store_facts (key, value) VALUES ('name_words', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
              now).Run();
  });
}
}  // namespace

Result<MigrationReport> Migrate(Database& db, const std::vector<Migration>& migrations) {
  db.Write([&](Connection& c) { c.ExecScript(kCreateTable[db.kind() == Database::Kind::kSqlite ? 0 : 1]); });
  struct Applied {
    int version;
    std::string name, checksum;
  };
  std::vector<Applied> applied;
  db.Read([&](Connection& c) {
    auto q = c.Prepare(kApplied);
    while (q.Next()) applied.push_back({static_cast<int>(q.Int(0)), q.Text(1), q.Text(2)});
  });

  MigrationReport report;
  for (const auto& a : applied) {
    report.from_version = std::max(report.from_version, a.version);
    const Migration* known = nullptr;
    for (const auto& m : migrations)
      if (m.version == a.version) known = &m;
    if (!known)
      return Error::Conflict("the database has migration " + std::to_string(a.version) + " (" + a.name +
                             ") which this binary does not know: it was written by a newer Agora");
    if (crypto::ToHex(crypto::Sha256(MigrationText(*known, db.kind()))) != a.checksum)
      return Error::Conflict("migration " + std::string(known->name) +
                             ".sql differs from the one applied to this database; landed migrations must never be edited");
  }
  report.to_version = report.from_version;
  SystemClock clock;
  for (const auto& m : migrations) {
    if (m.version <= report.from_version) continue;
    const std::string_view text = MigrationText(m, db.kind());
    db.Write([&](Connection& c) {
      if (!text.empty()) c.ExecScript(text);
      c.Prepare(kRecord, m.version, m.name, crypto::ToHex(crypto::Sha256(text)), clock.NowMs()).Run();
    });
    report.applied.push_back(m.name);
    report.to_version = m.version;
  }
  RebuildIfCollationsChanged(db);
  if (report.to_version >= kNameWordsMigration) RebuildNameWordsIfChanged(db);
  return report;
}

}  // namespace agora::store
