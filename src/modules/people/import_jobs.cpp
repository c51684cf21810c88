#include "modules/people/import_jobs.h"

#include "core/crypto.h"

namespace agora::people {

ImportJobs::~ImportJobs() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  if (worker_.joinable()) worker_.join();
}

Result<ImportJobState> ImportJobs::Start(std::string csv_text, ImportOptions options, identity::Actor actor) {
  std::lock_guard lock(mu_);
  if (running_) return Error::Conflict("another import is running; wait for it to finish");
  if (worker_.joinable()) worker_.join();  // the previous import has finished
  ImportJobState job;
  job.id = std::to_string(next_++) + "-" + crypto::RandomToken(6);
  jobs_[job.id] = job;
  running_ = true;
  options.progress = [this, id = job.id](size_t done, size_t total) {
    std::lock_guard l(mu_);
    jobs_[id].done = done;
    jobs_[id].total = total;
  };
  options.cancelled = [this] {
    std::lock_guard l(mu_);
    return stopping_;
  };
  worker_ = std::thread([this, id = job.id, text = std::move(csv_text), options, actor] {
    Result<ImportReport> result = Error::Internal("the import did not run");
    try {
      result = importer_.Import(text, options, actor);
    } catch (const std::exception& e) {
      result = Error::Internal(std::string("the import failed: ") + e.what());
    }
    std::lock_guard l(mu_);
    auto& j = jobs_[id];
    if (result) {
      j.state = "done";
      j.report = *result;
    } else {
      j.state = "failed";
      j.error = result.error();
    }
    running_ = false;
  });
  return job;
}

std::optional<ImportJobState> ImportJobs::Get(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

}  // namespace agora::people
