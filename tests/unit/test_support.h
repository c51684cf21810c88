// Small factories for unit tests: a real database, migrated with the embedded migrations.
// SQLite in a fresh temporary directory, or, when TEST_PG_SOCKET names the throwaway
// PostgreSQL of scripts/run-tests.sh, a fresh database cloned from its migrated template:
// every unit test that uses MigratedDatabase runs on both engines in `make test`.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "store/database.h"
#include "store/migrations.h"

namespace agora::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "agora-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A new PostgreSQL database cloned from the migrated template; its connection string.
inline std::string NewPostgresDatabase() {
  static std::atomic<int> serial{0};
  const std::string socket = std::getenv("TEST_PG_SOCKET");
  const std::string name = "u_" + std::to_string(::getpid()) + "_" + std::to_string(++serial);
  store::DatabaseOptions admin;
  admin.url = "host=" + socket + " user=agora dbname=postgres";
  store::Database::Open(admin)->Reader().ExecScript("CREATE DATABASE " + name + " TEMPLATE agora_template");
  return "host=" + socket + " user=agora dbname=" + name;
}

inline bool OnPostgres() { return std::getenv("TEST_PG_SOCKET") != nullptr; }

inline std::unique_ptr<store::Database> MigratedDatabase(const TempDir& dir) {
  store::DatabaseOptions options{dir.File("agora.db")};
  if (OnPostgres()) options.url = NewPostgresDatabase();
  auto db = store::Database::Open(options);
  auto r = store::Migrate(*db);
  if (!r) throw std::runtime_error(r.error().message);
  return db;
}

}  // namespace agora::testing
