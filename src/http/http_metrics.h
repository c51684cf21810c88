// Request count and latency per route and status, rendered in Prometheus text format as
// agora_http_request_duration_seconds{route,method,status} (a histogram; its _count is the
// request count). Slots are preallocated at start-up so the hot path only increments atomics.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/metrics.h"
#include "http/router.h"

namespace agora::http {

class HttpMetrics {
 public:
  explicit HttpMetrics(const Router& router);
  size_t StaticSlot() const { return labels_.size() - 2; }
  size_t UnmatchedSlot() const { return labels_.size() - 1; }
  void Observe(size_t slot, int status, std::uint64_t nanos);
  void Render(std::string& out) const;

 private:
  static size_t StatusIndex(int status);
  std::vector<std::string> labels_;  // route="...",method="..."
  std::vector<std::unique_ptr<metrics::Histogram>> histograms_;  // slot * statuses + status index
};

}  // namespace agora::http
