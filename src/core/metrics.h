// Prometheus metrics primitives: lock-free counters and fixed-bucket histograms, and a
// registry of render callbacks that /metrics concatenates. Hot paths only touch relaxed
// atomics; rendering happens on scrape.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace agora::metrics {

class Counter {
 public:
  void Add(std::uint64_t n = 1) { v_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t Value() const { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> v_{0};
};

// Latency histogram in seconds with buckets from 0.25 ms to 10 s.
class Histogram {
 public:
  static constexpr std::array<double, 14> kBounds = {0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,    0.1,    0.25,  0.5,    1,     2.5,  10};
  void ObserveNanos(std::uint64_t nanos);
  std::uint64_t Count() const { return count_.load(std::memory_order_relaxed); }
  // Appends `name_bucket{labels,le=..}` lines, `name_sum` and `name_count`. labels may be empty
  // or like `route="/x",status="200"`.
  void Render(std::string& out, std::string_view name, std::string_view labels) const;

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size()> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_nanos_{0};
};

using Renderer = std::function<void(std::string&)>;

// Process-wide list of renderers (one per subsystem). Thread-safe.
void Register(Renderer r);
std::string RenderAll();

// Database time, recorded by store/ and rendered with the rest.
struct DbStats {
  Histogram reads;   // per read statement (or read transaction)
  Histogram writes;  // per write transaction, lock wait included
};
DbStats& Db();

}  // namespace agora::metrics
