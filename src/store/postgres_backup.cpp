// agora backup / restore on PostgreSQL: PostgreSQL's own tools, pg_dump and pg_restore, in
// their custom format (compressed, restorable table by table, checked by pg_restore --list).
// The connection string travels as an argument: put passwords in ~/.pgpass or PGPASSWORD,
// not in database.url, if other users of the machine may list its processes.
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "core/subprocess.h"
#include "store/database.h"

namespace agora::store {

namespace {

// Debian's /usr/bin/pg_dump picks the version that matches the server; a bare install of
// postgresql-15 without postgresql-client-common has only /usr/lib/postgresql/15/bin.
std::string FindTool(const std::string& name) {
  for (const char* dir : {"/usr/bin", "/usr/local/bin"})
    if (::access((std::string(dir) + "/" + name).c_str(), X_OK) == 0) return std::string(dir) + "/" + name;
  std::string best;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    auto candidate = entry.path() / "bin" / name;
    if (::access(candidate.c_str(), X_OK) == 0 && candidate.string() > best) best = candidate.string();
  }
  if (best.empty()) throw DatabaseError(name + " is not installed (Debian: apt-get install postgresql-client-15)", false);
  return best;
}

// Runs a program to its end; its error output becomes the exception's text.
void Run(const std::vector<std::string>& args) {
  const auto outcome = RunProcess(args);
  if (!outcome.ran) throw DatabaseError("cannot run " + args[0], false);
  if (!outcome.ok())
    throw DatabaseError(std::filesystem::path(args[0]).filename().string() + " failed: " + outcome.errors, false);
}

}  // namespace

void BackUpPostgres(const std::string& url, const std::string& dest_path) {
  Run({FindTool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file=" + dest_path, "--dbname=" + url});
}

// Replaces every object of the dump in one transaction: a failed restore changes nothing.
void RestorePostgres(const std::string& url, const std::string& source_path) {
  Run({FindTool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
       "--exit-on-error", "--dbname=" + url, source_path});
}

std::optional<std::string> CheckPostgresBackup(const std::string& path) {
  try {
    Run({FindTool("pg_restore"), "--list", path});
  } catch (const DatabaseError& e) {
    return path + " is not a pg_dump archive (custom format): " + e.what();
  }
  return std::nullopt;
}

}  // namespace agora::store
