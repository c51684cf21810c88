// Running another program to its end (pg_dump and pg_restore for backups, weasyprint for the
// wiki's PDF export): posix_spawn with the arguments as given (no shell), its error output
// kept to say what went wrong, its standard output to a file or nowhere.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace agora {

struct ProcessOutcome {
  bool ran = false;     // it could be started
  int exit_code = -1;   // its exit status; -1 when it did not exit by itself (a signal)
  std::string errors;   // what it wrote to standard error, trailing newlines trimmed
  bool ok() const { return ran && exit_code == 0; }
};

// `args[0]` is the program's path. Waits for it; standard input is /dev/null.
ProcessOutcome RunProcess(const std::vector<std::string>& args, const std::string& stdout_path = "/dev/null");

// A directory of its own under the system's temporary directory for another program's files,
// removed with everything in it when this goes. `path` is empty when none could be made.
struct TempDir {
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path;
};

}  // namespace agora
