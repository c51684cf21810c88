// SQL of directory syncs (directory_syncs). No decisions here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "store/database.h"

namespace agora::ldap::store {

using agora::store::Connection;

struct Run {
  Id id = 0;
  std::int64_t started_at = 0;
  std::optional<std::int64_t> finished_at;
  bool dry_run = false;
  std::string started_by, report, error;
};

// A run in progress that started after `since` (a crashed one is forgotten after that).
std::optional<Run> RunningSince(Connection& c, std::int64_t since);
void InsertRun(Connection& c, const Run& r);
void FinishRun(Connection& c, Id id, std::int64_t finished_at, const std::string& report, const std::string& error);
std::vector<Run> RecentRuns(Connection& c, int limit);
// When the last real (not dry) run started; nullopt when none has.
std::optional<std::int64_t> LastRealStart(Connection& c);

}  // namespace agora::ldap::store
