// Imports into the wiki run here, one at a time, on a thread of their own, so the upload's
// request returns at once and the page shows progress: reading the file, converting its
// wikitext (pandoc), then making the pages. Jobs are kept in memory (the audit log keeps the
// outcome); only the person who started one reads it. Destroying the registry waits for a
// running import (it ends between pages' transactions).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/result.h"
#include "modules/wiki/service.h"

namespace agora::wiki {

enum class ImportFormat { kMediaWiki, kMarkdownZip };

struct ImportJob {
  std::string id;
  Id person = 0;
  std::string space;
  std::string state = "reading";  // reading, converting, importing, done, failed
  size_t done = 0, total = 0;     // of the current state's work
  std::optional<ImportReport> report;
  std::optional<Error> error;
};

class ImportJobs {
 public:
  explicit ImportJobs(WikiService& service) : service_(service) {}
  ~ImportJobs();

  // 403 for a space `who` does not own; 409 while another import runs.
  Result<ImportJob> Start(const identity::Principal& who, std::string space, ImportFormat format, std::string file, std::string ip);
  std::optional<ImportJob> Get(const std::string& id, Id person);

 private:
  void Set(const std::string& id, const char* state, size_t done, size_t total);

  WikiService& service_;
  std::mutex mu_;
  std::map<std::string, ImportJob> jobs_;
  std::thread worker_;
  bool running_ = false;
  std::uint64_t next_ = 1;
};

}  // namespace agora::wiki
