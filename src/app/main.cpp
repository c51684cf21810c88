// agora: the single binary. See `agora --help` and README.md.
#include <cstdio>
#include <exception>

#include "app/commands.h"
#include "core/log.h"

int main(int argc, char** argv) {
  try {
    int rc = agora::app::RunCommandLine(argc, argv);
    agora::log::Flush();
    return rc;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "agora: %s\n", e.what());
    agora::log::Flush();
    return 1;
  }
}
