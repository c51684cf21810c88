#include "search/indexer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <deque>
#include <set>

#include "core/log.h"

namespace agora::search {
namespace {

constexpr const char* kFormatKey = "agora_format";
constexpr int kRebuildBatch = 1000;
constexpr std::int64_t kCommitEvery = 20000;  // documents between commits of a rebuild
constexpr std::int64_t kRebuildBacklog = 200000;

// "post:123" -> ("post", 123); nullopt for a key no kind could make.
std::optional<std::pair<std::string, std::int64_t>> SplitKey(const std::string& key) {
  const auto colon = key.find(':');
  if (colon == std::string::npos) return std::nullopt;
  try {
    size_t used = 0;
    const std::int64_t id = std::stoll(key.substr(colon + 1), &used);
    if (used != key.size() - colon - 1) return std::nullopt;
    return std::pair{key.substr(0, colon), id};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

Indexer::Indexer(agora::store::Database& db, Index& index) : db_(db), index_(index) {}
Indexer::~Indexer() { Stop(); }

void Indexer::Register(const std::string& kind, Source source) { sources_[kind] = std::move(source); }

bool Indexer::NeedsRebuild() const { return index_.Metadata(kFormatKey) != kFormat; }

std::optional<Document> Indexer::Load(agora::store::Connection& c, const std::string& key) const {
  auto parts = SplitKey(key);
  if (!parts) return std::nullopt;
  auto it = sources_.find(parts->first);
  if (it == sources_.end()) return std::nullopt;  // a kind this binary does not index
  return it->second.load(c, parts->second);
}

std::int64_t Indexer::Backlog() {
  return db_.Read([](auto& c) {
    auto q = c.Prepare("SELECT COUNT(*) FROM search_queue");
    return q.Next() ? q.Int(0) : 0;
  });
}

int Indexer::Drain(int batch) {
  std::unique_lock lock(drain_mu_);
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::int64_t> seqs;
  std::set<std::string> keys;
  std::vector<std::pair<std::string, std::optional<Document>>> docs;
  db_.Read([&](auto& c) {
    auto q = c.Prepare("SELECT seq, doc_key FROM search_queue ORDER BY seq LIMIT ?1", batch);
    while (q.Next()) {
      seqs.push_back(q.Int(0));
      keys.insert(q.Text(1));
    }
    if (keys.count(kRebuildKey)) return;
    // Each document once, as it is now (several rows may name it).
    for (const auto& key : keys) docs.emplace_back(key, Load(c, key));
  });
  if (seqs.empty()) return 0;
  if (keys.count(kRebuildKey)) {
    lock.unlock();
    log::Info("search index: rebuilding, as asked");
    const std::int64_t n = Rebuild();
    log::Info("search index: rebuilt", {{"documents", n}});
    return static_cast<int>(seqs.size());
  }
  for (const auto& [key, doc] : docs) {
    if (doc) {
      index_.Put(*doc);
      put_.Add();
    } else {
      index_.Remove(key);
      removed_.Add();
    }
  }
  index_.Commit();
  // Only the rows read: rows of transactions that committed meanwhile wait for the next batch.
  db_.Write([&](auto& c) {
    for (std::int64_t seq : seqs) c.Prepare("DELETE FROM search_queue WHERE seq = ?1", seq).Run();
  });
  batch_seconds_.ObserveNanos(static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count()));
  return static_cast<int>(seqs.size());
}

void Indexer::DrainAll() {
  while (Drain() > 0) {
  }
}

std::int64_t Indexer::Rebuild(const std::function<void(const Progress&)>& progress) {
  std::lock_guard lock(drain_mu_);
  // Rows queued before the walk began are covered by it.
  const std::int64_t last_seq = db_.Read([](auto& c) {
    auto q = c.Prepare("SELECT COALESCE(MAX(seq), 0) FROM search_queue");
    return q.Next() ? q.Int(0) : 0;
  });
  Progress p;
  db_.Read([&](auto& c) {
    for (const auto& [kind, source] : sources_) p.total += source.count(c);
  });
  // Every document put now carries this mark; those left without it are gone from the
  // database (a restore, or changes the queue never saw) and are removed at the end.
  index_.SetGeneration(std::to_string(std::chrono::system_clock::now().time_since_epoch().count()));
  // Each kind walked in id order, a batch at a time; the documents of all kinds merged by
  // date, undated ones first, so that a fresh index keeps dated ones in the order written.
  struct Stream {
    const Source* source;
    std::int64_t after = 0;
    bool done = false;
    std::deque<Document> docs = {};
  };
  std::vector<Stream> streams;
  for (const auto& entry : sources_) streams.push_back(Stream{&entry.second});
  auto refill = [&](Stream& s) {
    while (s.docs.empty() && !s.done) {
      std::vector<std::int64_t> ids;
      db_.Read([&](auto& c) {
        ids = s.source->ids(c, s.after, kRebuildBatch);
        for (std::int64_t id : ids)
          if (auto d = s.source->load(c, id)) s.docs.push_back(std::move(*d));
      });
      if (ids.empty()) {
        s.done = true;
      } else {
        s.after = ids.back();
        p.done += static_cast<std::int64_t>(ids.size() - s.docs.size());  // gone meanwhile: nothing to put
      }
    }
  };
  auto order = [](const Document& d) { return d.dated ? d.created_at : INT64_MIN; };
  std::int64_t since_commit = 0;
  for (;;) {
    Stream* next = nullptr;
    for (auto& s : streams) {
      refill(s);
      if (!s.docs.empty() && (!next || order(s.docs.front()) < order(next->docs.front()))) next = &s;
    }
    if (!next) break;
    index_.Put(next->docs.front());
    p.kind = next->docs.front().kind;
    next->docs.pop_front();
    ++p.done;
    if (progress && p.done % kRebuildBatch == 0) progress(p);
    if (++since_commit >= kCommitEvery) {
      index_.Commit();
      since_commit = 0;
      if (stop_) return p.done;
    }
  }
  if (progress) progress(p);
  index_.RemoveOlder();
  index_.SetMetadata(kFormatKey, kFormat);
  index_.Commit();
  db_.Write([&](auto& c) {
    c.Prepare("DELETE FROM search_queue WHERE seq <= ?1 OR doc_key = ?2", last_seq, std::string_view(kRebuildKey)).Run();
  });
  return p.done;
}

void Indexer::RenderMetrics(std::string& out) {
  out += "# TYPE agora_search_documents_total counter\n";
  out += "agora_search_documents_total{change=\"put\"} " + std::to_string(put_.Value()) + "\n";
  out += "agora_search_documents_total{change=\"removed\"} " + std::to_string(removed_.Value()) + "\n";
  out += "# TYPE agora_search_queue_rows gauge\n";
  out += "agora_search_queue_rows " + std::to_string(Backlog()) + "\n";
  out += "# TYPE agora_search_batch_seconds histogram\n";
  batch_seconds_.Render(out, "agora_search_batch_seconds", "");
}

void Indexer::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Indexer::Stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(wake_mu_);
    stop_ = true;
  }
  wake_cv_.notify_all();
  thread_.join();
}

void Indexer::Wake() {
  {
    std::lock_guard lock(wake_mu_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void Indexer::Run() {
  // Indexing can wait a moment; requests cannot (a thread's nice value is its own on Linux).
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 5) != 0) log::Warn("could not lower the indexer's priority");
  // A large backlog (a seed, an import while the server was stopped) is done faster by
  // walking the tables than row by row.
  if (NeedsRebuild() || Backlog() > kRebuildBacklog) {
    log::Info("search index: building");
    const auto started = std::chrono::steady_clock::now();
    std::int64_t last_logged = 0;
    const std::int64_t n = Rebuild([&](const Progress& p) {
      if (p.done - last_logged >= 100000) {
        last_logged = p.done;
        log::Info("search index: building", {{"done", p.done}, {"total", p.total}});
      }
    });
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    log::Info("search index: built", {{"documents", n}, {"ms", static_cast<std::int64_t>(ms)}});
  }
  while (!stop_) {
    int applied = 0;
    try {
      applied = Drain();
    } catch (const std::exception& e) {
      log::Error("search indexer", {{"error", e.what()}});
    }
    if (applied > 0) continue;
    std::unique_lock lock(wake_mu_);
    wake_cv_.wait_for(lock, std::chrono::milliseconds(200), [&] { return stop_ || woken_; });
    woken_ = false;
  }
}

}  // namespace agora::search
