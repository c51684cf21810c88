#include "core/subprocess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

extern char** environ;

namespace agora {

ProcessOutcome RunProcess(const std::vector<std::string>& args, const std::string& stdout_path) {
  ProcessOutcome out;
  if (args.empty()) return out;
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return out;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  char buf[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buf, sizeof buf)) > 0;)
    if (out.errors.size() < 64 * 1024) out.errors.append(buf, static_cast<size_t>(n));
  ::close(pipe_fds[0]);
  while (!out.errors.empty() && out.errors.back() == '\n') out.errors.pop_back();
  if (rc != 0) return out;
  out.ran = true;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TempDir::TempDir(const std::string& prefix) {
  // mkdtemp's template: it replaces the last six characters with a unique name.
  constexpr const char* kUniqueTail = "-XXXXXX";
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + kUniqueTail)).string();
  if (::mkdtemp(pattern.data())) path = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path.empty()) std::filesystem::remove_all(path, ec);
}

}  // namespace agora
