// Logging: one JSON object per line on stderr. Each thread appends to its own buffer, and a
// background thread writes the buffers out every 200 ms (warnings and errors at once), so a
// request never waits on the terminal or wakes another thread. (spdlog's async logger, used
// first, signalled a condition variable per line: at 40k requests/s the wake-ups cost about
// a fifth of the server's throughput.) Never pass secrets (passwords, tokens, cookies).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace agora::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError };

struct Field {
  std::string_view key;
  std::variant<std::string_view, std::int64_t, double> value;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, std::int64_t v) : key(k), value(v) {}
  Field(std::string_view k, int v) : key(k), value(std::int64_t{v}) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
};

// level: "trace".."error" or "off". Safe to call again (tests, CLI commands).
void Init(std::string_view level);
// Writes out every thread's buffered lines now (also done at exit).
void Flush();
bool Enabled(Level level);
void Write(Level level, std::string_view msg, std::initializer_list<Field> fields = {});
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kError, m, f); }

// Appends `s` as a JSON string literal (quotes included). Bytes that are not valid UTF-8 are
// replaced so a hostile path can never break the log's JSON.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace agora::log
