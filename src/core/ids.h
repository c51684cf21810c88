// Time-ordered 64-bit identifiers (DESIGN.md "Identifiers"): 41 bits of milliseconds since
// 2020-01-01T00:00:00Z, 10 bits of node number, 12 bits of sequence. Unique across nodes as
// long as each node has its own number; sortable by creation time; sent as decimal strings.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace agora {

using Id = std::int64_t;

inline constexpr std::int64_t kIdEpochMs = 1577836800000;  // 2020-01-01T00:00:00Z
inline constexpr int kIdNodeBits = 10;
inline constexpr int kIdSequenceBits = 12;

class IdGenerator {
 public:
  // node must be in [0, 1023]. Thread-safe.
  explicit IdGenerator(int node);
  Id Next();
  // Next() with an explicit clock reading, for tests.
  Id NextAt(std::int64_t unix_ms);

 private:
  std::mutex mu_;
  int node_;
  std::int64_t last_ms_ = 0;
  std::int64_t sequence_ = 0;
};

// The Unix time in milliseconds at which `id` was made.
std::int64_t IdUnixMs(Id id);
std::string IdToString(Id id);
// Parses a decimal id; nullopt for anything that is not a positive 63-bit integer.
std::optional<Id> ParseId(std::string_view s);

}  // namespace agora
