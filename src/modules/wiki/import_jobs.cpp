#include "modules/wiki/import_jobs.h"

#include "core/crypto.h"
#include "core/log.h"

namespace agora::wiki {

ImportJobs::~ImportJobs() {
  if (worker_.joinable()) worker_.join();
}

void ImportJobs::Set(const std::string& id, const char* state, size_t done, size_t total) {
  std::lock_guard lock(mu_);
  auto& j = jobs_[id];
  j.state = state;
  j.done = done;
  j.total = total;
}

Result<ImportJob> ImportJobs::Start(const identity::Principal& who, std::string space, ImportFormat format, std::string file, std::string ip) {
  auto may = service_.MayImport(who, space);
  if (!may) return may.error();
  std::lock_guard lock(mu_);
  if (running_) return Error::Conflict("another import is running; wait for it to finish");
  if (worker_.joinable()) worker_.join();  // the previous import has finished
  ImportJob job;
  job.id = std::to_string(next_++) + "-" + crypto::RandomToken(6);
  job.person = who.user.id;
  job.space = may->space.handle;
  jobs_[job.id] = job;
  running_ = true;
  worker_ = std::thread([this, id = job.id, who, space = std::move(space), format, file = std::move(file), ip = std::move(ip)] {
    Result<ImportReport> result = Error::Internal("the import did not run");
    try {
      Result<ImportSource> source = Error::Internal("no source");
      if (format == ImportFormat::kMediaWiki)
        source = ReadMediaWiki(file, [&](size_t done, size_t total) { Set(id, "converting", done, total); });
      else
        source = ReadMarkdownZip(file);
      if (!source) result = source.error();
      else {
        Set(id, "importing", 0, source->pages.size());
        result = service_.Import(who, space, std::move(*source), ip, [&](size_t done, size_t total) { Set(id, "importing", done, total); });
      }
    } catch (const std::exception& e) {
      log::Warn("wiki import failed", {{"error", e.what()}});
      result = Error::Internal("the import failed");
    }
    std::lock_guard l(mu_);
    auto& j = jobs_[id];
    if (result) {
      j.state = "done";
      j.report = std::move(*result);
    } else {
      j.state = "failed";
      j.error = result.error();
    }
    running_ = false;
  });
  return job;
}

std::optional<ImportJob> ImportJobs::Get(const std::string& id, Id person) {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second.person != person) return std::nullopt;
  return it->second;
}

}  // namespace agora::wiki
