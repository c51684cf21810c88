#include "core/ids.h"

#include <charconv>
#include <chrono>
#include <stdexcept>

namespace agora {

IdGenerator::IdGenerator(int node) : node_(node) {
  if (node < 0 || node >= (1 << kIdNodeBits)) throw std::invalid_argument("node id out of range");
}

Id IdGenerator::Next() {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
  return NextAt(now);
}

Id IdGenerator::NextAt(std::int64_t unix_ms) {
  std::lock_guard lock(mu_);
  std::int64_t ms = unix_ms - kIdEpochMs;
  // A clock that steps backwards must not produce duplicates: keep using the last
  // millisecond until the clock catches up.
  if (ms < last_ms_) ms = last_ms_;
  if (ms == last_ms_) {
    if (++sequence_ >= (1 << kIdSequenceBits)) {
      ++ms;  // borrow from the future; sustained 4M ids/s per node is far beyond our load
      sequence_ = 0;
    }
  } else {
    sequence_ = 0;
  }
  last_ms_ = ms;
  return (ms << (kIdNodeBits + kIdSequenceBits)) | (std::int64_t{node_} << kIdSequenceBits) | sequence_;
}

std::int64_t IdUnixMs(Id id) { return (id >> (kIdNodeBits + kIdSequenceBits)) + kIdEpochMs; }

std::string IdToString(Id id) { return std::to_string(id); }

std::optional<Id> ParseId(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  Id v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

}  // namespace agora
