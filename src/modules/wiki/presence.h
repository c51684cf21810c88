// Who is editing a page now ("Ana is editing this page", issue 19): an open editor says so
// every kHeartbeatMs (PUT /api/v1/wiki/pages/{id}/editing) and once more when it closes
// (DELETE); a mark not renewed within kTtlMs goes (a closed laptop). Readers of the page
// hear of it on the live stream ("wiki.editing"). No real-time co-editing: a save still
// merges three-way.
//
// In this node's memory: the bus is in process only (bus/bus.h). Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"

namespace agora::wiki {

class EditingPresence {
 public:
  explicit EditingPresence(const Clock& clock) : clock_(clock) {}

  // The person is editing the page (again); false when they already were (a heartbeat).
  bool Mark(Id page, Id person);
  // They stopped; false when they were not marked.
  bool Clear(Id page, Id person);
  // Those editing the page now, in the order they began.
  std::vector<Id> Editors(Id page);

  static constexpr std::int64_t kHeartbeatMs = 20'000;
  static constexpr std::int64_t kTtlMs = 3 * kHeartbeatMs;
  static constexpr size_t kSweepAt = 1024;

 private:
  struct Editor {
    Id person;
    std::int64_t began, seen;
  };
  void Expire(std::vector<Editor>& marks, std::int64_t now);

  const Clock& clock_;
  std::mutex mu_;
  std::unordered_map<Id, std::vector<Editor>> pages_;
};

}  // namespace agora::wiki
