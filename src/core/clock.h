// Time: everything is UTC. Stored as Unix milliseconds (int64), sent as RFC 3339.
// Clock is an interface so services can be tested with a fixed or stepping time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agora {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::int64_t NowMs() const = 0;  // Unix milliseconds
};

class SystemClock final : public Clock {
 public:
  std::int64_t NowMs() const override;
};

// A clock tests move by hand.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t ms) : ms_(ms) {}
  std::int64_t NowMs() const override { return ms_; }
  void Advance(std::int64_t ms) { ms_ += ms; }

 private:
  std::int64_t ms_;
};

// "2026-11-23T11:11:22.123Z" (milliseconds always present, always UTC).
std::string FormatRfc3339(std::int64_t unix_ms);
// Accepts RFC 3339 with 'Z' or a numeric offset and optional fraction.
std::optional<std::int64_t> ParseRfc3339(std::string_view s);
// "Mon, 23 Nov 2026 11:11:22 GMT", the HTTP date format (RFC 9110).
std::string FormatHttpDate(std::int64_t unix_seconds);
// The same format back (If-Modified-Since); nullopt for anything else (RFC 9110 lets a
// server ignore a date it cannot read).
std::optional<std::int64_t> ParseHttpDate(std::string_view s);

}  // namespace agora
