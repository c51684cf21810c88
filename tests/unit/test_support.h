// Small factories for unit tests: a real SQLite database in a fresh temporary directory,
// migrated with the embedded migrations.
#pragma once

#include <unistd.h>

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

inline std::unique_ptr<store::Database> MigratedDatabase(const TempDir& dir) {
  auto db = store::Database::Open({dir.File("agora.db")});
  auto r = store::Migrate(*db);
  if (!r) throw std::runtime_error(r.error().message);
  return db;
}

}  // namespace agora::testing
