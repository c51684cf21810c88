// What the synthetic organization talks about, and how often: topic names (expertise tags
// and hashtags) and a Zipf sampler for long-tailed choices. Shared by the seeders.
#pragma once

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/markdown.h"

namespace agora::seed {

inline constexpr std::string_view kTopics[] = {
    "kubernetes", "go", "rust", "c++", "java", "python", "typescript", "sql", "postgres", "sqlite", "kafka", "redis",
    "linux", "networking", "security", "cryptography", "machine learning", "statistics", "data engineering",
    "accessibility", "ux research", "product management", "negotiation", "sales", "marketing", "seo", "finance",
    "tax", "contracts", "gdpr", "recruiting", "coaching", "public speaking", "writing", "translation", "swedish",
    "norwegian", "russian", "bulgarian", "german", "spanish", "japanese", "hindi", "supply chain", "lean",
    "six sigma", "project management", "agile", "scrum", "incident response", "on-call", "observability",
    "terraform", "aws", "azure", "gcp", "react", "preact", "css", "mobile", "ios", "android", "embedded",
    "hardware", "electronics", "mechanical design", "cad", "quality assurance", "testing", "compliance", "audit",
    "payroll", "benefits", "facilities", "events", "customer success", "partnerships", "strategy", "mentoring"};
inline constexpr size_t kTopicCount = sizeof(kTopics) / sizeof(kTopics[0]);
inline constexpr size_t kTagVocabulary = 3000;  // real topics first, then a long tail

// Samples ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s.
class Zipf {
 public:
  Zipf(size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cdf_[i] = (sum += 1.0 / std::pow(static_cast<double>(i + 1), s));
    for (auto& v : cdf_) v /= sum;
  }
  size_t operator()(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
  }

 private:
  std::vector<double> cdf_;
};

inline std::string TagName(size_t rank) {
  return rank < kTopicCount ? std::string(kTopics[rank]) : "topic-" + std::to_string(rank);
}

// A hashtag from a topic ("machine learning" -> "machine-learning"); empty when it cannot be one.
inline std::string Hashtag(size_t rank) {
  std::string t = TagName(rank);
  std::replace(t.begin(), t.end(), ' ', '-');
  return markdown::NormalizeTag(t);
}

}  // namespace agora::seed
