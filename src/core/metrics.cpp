#include "core/metrics.h"

#include <cstdio>

namespace agora::metrics {

void Histogram::ObserveNanos(std::uint64_t nanos) {
  double s = static_cast<double>(nanos) / 1e9;
  for (size_t i = 0; i < kBounds.size(); ++i) {
    if (s <= kBounds[i]) {
      buckets_[i].fetch_add(1, std::memory_order_relaxed);
      break;
    }
  }
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_nanos_.fetch_add(nanos, std::memory_order_relaxed);
}

void Histogram::Render(std::string& out, std::string_view name, std::string_view labels) const {
  std::uint64_t cumulative = 0;
  char buf[64];
  auto sep = labels.empty() ? "" : ",";
  for (size_t i = 0; i < kBounds.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    std::snprintf(buf, sizeof buf, "%g", kBounds[i]);
    out.append(name).append("_bucket{").append(labels).append(sep).append("le=\"").append(buf)
        .append("\"} ").append(std::to_string(cumulative)).append("\n");
  }
  auto count = count_.load(std::memory_order_relaxed);
  out.append(name).append("_bucket{").append(labels).append(sep).append("le=\"+Inf\"} ")
      .append(std::to_string(count)).append("\n");
  std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / 1e9);
  std::string braces;
  if (!labels.empty()) {
    braces.reserve(labels.size() + 2);
    braces.push_back('{');
    braces.append(labels);
    braces.push_back('}');
  }
  out.append(name).append("_sum").append(braces).append(" ").append(buf).append("\n");
  out.append(name).append("_count").append(braces).append(" ").append(std::to_string(count)).append("\n");
}

namespace {
std::mutex g_mu;
std::vector<Renderer>& Renderers() {
  static std::vector<Renderer> v;
  return v;
}
}  // namespace

void Register(Renderer r) {
  std::lock_guard lock(g_mu);
  Renderers().push_back(std::move(r));
}

std::string RenderAll() {
  std::string out;
  out.reserve(16384);
  {
    auto& db = Db();
    out += "# HELP agora_db_seconds Time spent in the database per statement or transaction.\n";
    out += "# TYPE agora_db_seconds histogram\n";
    db.reads.Render(out, "agora_db_seconds", "mode=\"read\"");
    db.writes.Render(out, "agora_db_seconds", "mode=\"write\"");
  }
  std::lock_guard lock(g_mu);
  for (auto& r : Renderers()) r(out);
  return out;
}

DbStats& Db() {
  static DbStats stats;
  return stats;
}

}  // namespace agora::metrics
