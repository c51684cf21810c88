#include "modules/wiki/presence.h"

#include <algorithm>
#include <iterator>

namespace agora::wiki {

void EditingPresence::Expire(std::vector<Editor>& marks, std::int64_t now) {
  std::erase_if(marks, [&](const Editor& m) { return now - m.seen > kTtlMs; });
}

bool EditingPresence::Mark(Id page, Id person) {
  const std::int64_t now = clock_.NowMs();
  std::lock_guard lock(mu_);
  // Pages whose editors all went without a word are swept now and then (they hold memory).
  if (pages_.size() >= kSweepAt) {
    for (auto it = pages_.begin(); it != pages_.end();) {
      Expire(it->second, now);
      it = it->second.empty() ? pages_.erase(it) : std::next(it);
    }
  }
  auto& marks = pages_[page];
  Expire(marks, now);
  for (auto& m : marks)
    if (m.person == person) {
      m.seen = now;
      return false;
    }
  marks.push_back({person, now, now});
  return true;
}

bool EditingPresence::Clear(Id page, Id person) {
  std::lock_guard lock(mu_);
  auto it = pages_.find(page);
  if (it == pages_.end()) return false;
  const size_t before = it->second.size();
  std::erase_if(it->second, [&](const Editor& m) { return m.person == person; });
  const bool cleared = it->second.size() != before;
  if (it->second.empty()) pages_.erase(it);
  return cleared;
}

std::vector<Id> EditingPresence::Editors(Id page) {
  const std::int64_t now = clock_.NowMs();
  std::lock_guard lock(mu_);
  auto it = pages_.find(page);
  if (it == pages_.end()) return {};
  Expire(it->second, now);
  std::vector<Id> out;
  for (const auto& m : it->second) out.push_back(m.person);
  if (it->second.empty()) pages_.erase(it);
  return out;
}

}  // namespace agora::wiki
