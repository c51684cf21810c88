// Keeps the index (index.h) exact with the database. Triggers write a row to search_queue
// in the same transaction as every change that alters a document (migration 0026); the
// indexer thread drains the queue after commit: it loads each named document fresh through
// its kind's source, puts or removes it, commits the index, and only then deletes the rows
// it applied. A crash between the two applies them again, so the index may lag a moment
// behind a commit but never misses one.
//
// Kinds register a Source: how to load one document, and how to walk all of them for a
// rebuild. The index is rebuilt from the sources when it is missing or from an older
// format (kFormat), and by `agora reindex`.
//
// One node drains a queue (it deletes what it applied): several nodes share one index
// (docs/search.md).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/metrics.h"
#include "search/index.h"
#include "store/database.h"

namespace agora::search {

struct Source {
  // The document of this id as it is now, or nullopt when it is not to be found any more
  // (deleted, deactivated): the indexer then removes it.
  std::function<std::optional<Document>(agora::store::Connection&, std::int64_t id)> load;
  // Ids of this kind after `after`, in increasing order, at most `limit` (a rebuild walks them).
  std::function<std::vector<std::int64_t>(agora::store::Connection&, std::int64_t after, int limit)> ids;
  // How many there are (a rebuild's progress).
  std::function<std::int64_t(agora::store::Connection&)> count;
};

struct Progress {
  std::string kind;
  std::int64_t done = 0;   // documents of all kinds so far
  std::int64_t total = 0;  // of all kinds
};

class Indexer {
 public:
  // Changes when documents are made differently: an index of another format is rebuilt.
  static constexpr const char* kFormat = "6";  // 2: the kind in a value slot; 3: names for typeahead; 4: author, container, language slots; 5: dated documents in date order; 6: communities on every first page

  Indexer(agora::store::Database& db, Index& index);
  ~Indexer();
  Indexer(const Indexer&) = delete;
  Indexer& operator=(const Indexer&) = delete;

  void Register(const std::string& kind, Source source);  // before Start

  // Whether the index was never built or was built by another format.
  bool NeedsRebuild() const;
  // Puts every document of every kind and removes every other (the queue's rows from before
  // it began are then done). Returns how many documents it put. Dated documents of all kinds
  // are put oldest first (their places in the index are their order in time: index.h).
  std::int64_t Rebuild(const std::function<void(const Progress&)>& progress = {});
  // A queue row that asks for a rebuild (agora restore writes it: the database is another).
  static constexpr const char* kRebuildKey = "rebuild:all";
  // Applies up to `batch` queued rows; returns how many rows it applied.
  int Drain(int batch = 1000);
  // Drains until the queue is empty (tests, benchmarks, before a search that must see a write).
  void DrainAll();
  // Rows waiting.
  std::int64_t Backlog();

  // The thread: rebuilds when needed, then drains whenever rows are waiting.
  void Start();
  void Stop();
  // Tells the thread that a transaction may have queued rows (it also looks every 200 ms).
  void Wake();
  // agora_search_documents_total (put and removed), agora_search_queue_rows (waiting now),
  // agora_search_batch_seconds (a drained batch, index commit included).
  void RenderMetrics(std::string& out);

 private:
  std::optional<Document> Load(agora::store::Connection& c, const std::string& key) const;
  void Run();

  agora::store::Database& db_;
  Index& index_;
  std::map<std::string, Source> sources_;
  std::mutex drain_mu_;  // one drain or rebuild at a time
  std::thread thread_;
  std::mutex wake_mu_;
  std::condition_variable wake_cv_;
  bool woken_ = false;
  std::atomic<bool> stop_{false};
  metrics::Counter put_, removed_;
  metrics::Histogram batch_seconds_;
};

}  // namespace agora::search
