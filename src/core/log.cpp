#include "core/log.h"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>

#include "core/clock.h"
#include "core/text.h"

namespace agora::log {
namespace {
std::shared_ptr<spdlog::logger> g_logger;
Level g_level = Level::kInfo;
bool g_off = false;

const char* LevelName(Level l) {
  switch (l) {
    case Level::kTrace: return "trace";
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}
}  // namespace

void Init(std::string_view level) {
  g_off = level == "off";
  g_level = level == "trace" ? Level::kTrace : level == "debug" ? Level::kDebug
          : level == "warn" ? Level::kWarn : level == "error" ? Level::kError : Level::kInfo;
  if (g_logger) return;
  spdlog::init_thread_pool(8192, 1);
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  g_logger = std::make_shared<spdlog::async_logger>("agora", sink, spdlog::thread_pool(),
                                                    spdlog::async_overflow_policy::block);
  g_logger->set_pattern("%v");
  g_logger->flush_on(spdlog::level::warn);
}

void Flush() {
  if (g_logger) g_logger->flush();
}

bool Enabled(Level level) { return g_logger && !g_off && level >= g_level; }

void AppendJsonString(std::string& out, std::string_view s) {
  bool utf8 = text::IsValidUtf8(s);
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else if (c >= 0x80 && !utf8) {
          out += "\\ufffd";
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  std::string line;
  line.reserve(256);
  line += "{\"ts\":\"";
  line += FormatRfc3339(SystemClock().NowMs());
  line += "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"msg\":";
  AppendJsonString(line, msg);
  for (const auto& f : fields) {
    line.push_back(',');
    AppendJsonString(line, f.key);
    line.push_back(':');
    if (auto* s = std::get_if<std::string_view>(&f.value)) {
      AppendJsonString(line, *s);
    } else if (auto* i = std::get_if<std::int64_t>(&f.value)) {
      line += std::to_string(*i);
    } else {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, std::get<double>(f.value));
      line.append(buf, r.ptr);
    }
  }
  line.push_back('}');
  g_logger->log(level >= Level::kError ? spdlog::level::err : spdlog::level::info, line);
}

}  // namespace agora::log
