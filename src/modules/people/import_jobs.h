// Staff imports started from the admin API run here, one at a time, on their own thread, so
// the request returns at once and the page can show progress. Jobs are kept in memory
// (they are short-lived; the audit log keeps the outcome). Destroying the registry stops a
// running import between batches and waits for it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/result.h"
#include "modules/people/importer.h"

namespace agora::people {

struct ImportJobState {
  std::string id;
  std::string state = "running";  // running, done, failed
  size_t done = 0;
  size_t total = 0;
  std::optional<ImportReport> report;
  std::optional<Error> error;
};

class ImportJobs {
 public:
  explicit ImportJobs(PeopleImporter& importer) : importer_(importer) {}
  ~ImportJobs();

  // 409 while another import runs.
  Result<ImportJobState> Start(std::string csv_text, ImportOptions options, identity::Actor actor);
  std::optional<ImportJobState> Get(const std::string& id);

 private:
  PeopleImporter& importer_;
  std::mutex mu_;
  std::map<std::string, ImportJobState> jobs_;
  std::thread worker_;
  bool running_ = false;
  bool stopping_ = false;
  std::uint64_t next_ = 1;
};

}  // namespace agora::people
