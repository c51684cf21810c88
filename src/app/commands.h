// The command-line interface (CLI11): serve, admin, migrate, backup, restore, version.
#pragma once

namespace agora::app {

int RunCommandLine(int argc, char** argv);

}  // namespace agora::app
