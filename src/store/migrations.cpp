#include "store/migrations.h"

#include <optional>

#include "core/clock.h"
#include "core/collation.h"
#include "core/log.h"
#include "core/crypto.h"

namespace agora::store {

namespace {
constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)";
constexpr std::string_view kApplied = "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
constexpr std::string_view kRecord =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)";
}  // namespace

namespace {
// Indexes sorted with ICU collations are only valid for the rules they were built with: when
// an ICU upgrade changes a collation's version, rebuild them (a few seconds per 100,000 names).
void RebuildIfCollationsChanged(Database& db) {
  std::string now = collation::VersionFingerprint();
  db.Write([&](Connection& c) {
    if (!c.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_facts'").Next()) return;
    std::optional<std::string> built;
    {
      auto q = c.Prepare("SELECT value FROM store_facts WHERE key = 'collations'");
      if (q.Next()) built = q.Text(0);
    }
    if (built == now) return;
    if (built) {
      log::Info("collation rules changed; rebuilding name indexes", {{"was", *built}, {"now", now}});
      for (const auto& order : collation::kOrders) c.ExecScript("REINDEX " + collation::SqlName(order.name));
    }
    c.Prepare("INSERT INTO store_facts (key, value) VALUES ('collations', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
              now).Run();
  });
}
}  // namespace

Result<MigrationReport> Migrate(Database& db, const std::vector<Migration>& migrations) {
  db.Write([](Connection& c) { c.ExecScript(kCreateTable); });
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
    if (crypto::ToHex(crypto::Sha256(known->sql)) != a.checksum)
      return Error::Conflict("migration " + std::string(known->name) +
                             ".sql differs from the one applied to this database; landed migrations must never be edited");
  }
  report.to_version = report.from_version;
  SystemClock clock;
  for (const auto& m : migrations) {
    if (m.version <= report.from_version) continue;
    db.Write([&](Connection& c) {
      c.ExecScript(m.sql);
      c.Prepare(kRecord, m.version, m.name, crypto::ToHex(crypto::Sha256(m.sql)), clock.NowMs()).Run();
    });
    report.applied.push_back(m.name);
    report.to_version = m.version;
  }
  RebuildIfCollationsChanged(db);
  return report;
}

}  // namespace agora::store
