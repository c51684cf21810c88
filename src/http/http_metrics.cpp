#include "http/http_metrics.h"

#include <array>

namespace agora::http {
namespace {
constexpr std::array<int, 20> kStatuses = {200, 201, 204, 301, 304, 400, 401, 403, 404, 405,
                                           409, 412, 413, 415, 422, 429, 431, 500, 503, 0};
}

HttpMetrics::HttpMetrics(const Router& router) {
  for (const auto& r : router.routes())
    labels_.push_back("route=\"" + r.pattern + "\",method=\"" + std::string(MethodName(r.method)) + "\"");
  labels_.push_back("route=\"static\",method=\"GET\"");
  labels_.push_back("route=\"unmatched\",method=\"any\"");
  for (size_t i = 0; i < labels_.size() * kStatuses.size(); ++i)
    histograms_.push_back(std::make_unique<metrics::Histogram>());
}

size_t HttpMetrics::StatusIndex(int status) {
  for (size_t i = 0; i + 1 < kStatuses.size(); ++i)
    if (kStatuses[i] == status) return i;
  return kStatuses.size() - 1;
}

void HttpMetrics::Observe(size_t slot, int status, std::uint64_t nanos) {
  histograms_[slot * kStatuses.size() + StatusIndex(status)]->ObserveNanos(nanos);
}

void HttpMetrics::Render(std::string& out) const {
  out += "# HELP agora_http_request_duration_seconds Time from the request header to the response ready to send.\n";
  out += "# TYPE agora_http_request_duration_seconds histogram\n";
  for (size_t slot = 0; slot < labels_.size(); ++slot) {
    for (size_t s = 0; s < kStatuses.size(); ++s) {
      const auto& h = *histograms_[slot * kStatuses.size() + s];
      if (h.Count() == 0) continue;
      std::string status = kStatuses[s] ? std::to_string(kStatuses[s]) : "other";
      h.Render(out, "agora_http_request_duration_seconds", labels_[slot] + ",status=\"" + status + "\"");
    }
  }
}

}  // namespace agora::http
