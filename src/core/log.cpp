#include "core/log.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/text.h"

namespace agora::log {
namespace {

struct Buffer {
  std::mutex mu;  // uncontended: only the owning thread and the flusher take it
  std::string data;
};

void WriteAll(const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(STDERR_FILENO, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // nowhere to log to; dropping is all we can do
    off += static_cast<size_t>(n);
  }
}

void FlushBuffer(Buffer& b) {
  std::string out;
  {
    std::lock_guard lock(b.mu);
    out.swap(b.data);
  }
  if (!out.empty()) WriteAll(out);
}

// Owns the buffers of all threads and the flusher thread; destroyed (and flushed) at exit.
class Sink {
 public:
  Sink() : flusher_([this] { Run(); }) {}
  ~Sink() {
    {
      std::lock_guard lock(stop_mu_);
      stop_ = true;
    }
    stop_cv_.notify_one();
    flusher_.join();
    FlushAll();
  }
  std::shared_ptr<Buffer> NewBuffer() {
    auto b = std::make_shared<Buffer>();
    std::lock_guard lock(mu_);
    buffers_.push_back(b);
    return b;
  }
  void FlushAll() {
    std::vector<std::shared_ptr<Buffer>> all;
    {
      std::lock_guard lock(mu_);
      all = buffers_;
    }
    for (auto& b : all) FlushBuffer(*b);
  }

 private:
  void Run() {
    std::unique_lock lock(stop_mu_);
    while (!stop_cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) FlushAll();
  }
  std::mutex mu_;
  std::vector<std::shared_ptr<Buffer>> buffers_;
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  std::thread flusher_;
};

std::atomic<Sink*> g_sink{nullptr};
std::atomic<int> g_level{static_cast<int>(Level::kInfo)};
std::atomic<bool> g_off{false};

Buffer& LocalBuffer(Sink& sink) {
  thread_local std::shared_ptr<Buffer> buffer;
  if (!buffer) buffer = sink.NewBuffer();
  return *buffer;
}

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
  auto l = level == "trace" ? Level::kTrace : level == "debug" ? Level::kDebug
         : level == "warn" ? Level::kWarn : level == "error" ? Level::kError : Level::kInfo;
  g_level = static_cast<int>(l);
  static Sink sink;  // constructed once, flushed and joined at exit
  g_sink = &sink;
}

void Flush() {
  if (auto* sink = g_sink.load()) sink->FlushAll();
}

bool Enabled(Level level) { return g_sink.load() && !g_off && static_cast<int>(level) >= g_level; }

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
  line += "}\n";
  auto& buffer = LocalBuffer(*g_sink.load());
  bool now = level >= Level::kWarn;
  {
    std::lock_guard lock(buffer.mu);
    buffer.data += line;
    now = now || buffer.data.size() > 64 * 1024;
  }
  if (now) FlushBuffer(buffer);
}

}  // namespace agora::log
