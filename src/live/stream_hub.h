// Live events for connected clients (GET /api/v1/stream, DESIGN.md "HTTP API"): who is
// connected, which contents each connection shows (it says so with a "watch" message), a
// short history per person so a client that reconnects with its last event id gets what it
// missed, and delivery through each connection's own bounded queue (server.cpp closes a
// connection whose queue overflows, so a slow client never holds up anyone else). Plain
// C++: the WebSocket itself is in server.cpp.
//
// Frames are JSON text: {"type", "id", "data"}. Ids are "<boot>.<sequence>": a client whose
// last id is from another run of the server, or older than the history kept, gets
// {"type": "resync"} and reloads what it shows.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/ids.h"
#include "modules/identity/model.h"

namespace agora::live {

using Frame = std::shared_ptr<const std::string>;

class StreamConnection {
 public:
  virtual ~StreamConnection() = default;
  // Queues a text frame; callable from any thread.
  virtual void Send(Frame frame) = 0;
  // Closes the connection (normal closure); callable from any thread.
  virtual void Close() = 0;
};

struct StreamReader {
  Id user = 0;
  identity::Role role = identity::Role::kMember;
  Id credential = 0;  // the session or access token the stream was opened with
};

class StreamHub {
 public:
  explicit StreamHub(size_t history_per_person = 256);

  // Keeps, of the ids a client asks to watch, those its reader may read (set before clients
  // connect; without it every id is kept). Watching is how a client gets comments, counts
  // and deletions of what it shows, so it must not reveal what the reader may not see.
  using WatchFilter = std::function<std::vector<Id>(const StreamReader&, std::vector<Id>)>;
  void SetWatchFilter(WatchFilter filter) { watch_filter_ = std::move(filter); }

  // Registers a connection and sends it what its person missed since `last_event_id` (empty:
  // nothing), or a resync frame.
  void Attach(const std::shared_ptr<StreamConnection>& conn, StreamReader reader, std::string_view last_event_id);
  void Detach(const StreamConnection* conn);
  // A message from the client: {"type": "ping"} or {"type": "watch", "ids": [...]}. Returns
  // a reply frame, if any (pong, or an error for a message it does not understand).
  std::optional<Frame> OnMessage(const StreamConnection* conn, std::string_view text);

  // The people connected now or within kKeepHistory (whose missed events are kept for
  // their return), each once.
  std::vector<StreamReader> Present() const;
  // The reader of a person present (connected now or recently).
  std::optional<StreamReader> ReaderOf(Id user) const;
  // The people whose connections watch `content_id`.
  std::vector<StreamReader> Watchers(Id content_id) const;
  // Sends an event to every connection of `user` and keeps it in their history (also while
  // they are briefly away; nothing for people not present).
  void SendTo(Id user, std::string_view type, std::string_view data_json);
  // The same event to many people: one frame (one id, one copy of the bytes) shared by all.
  void SendToMany(const std::vector<Id>& users, std::string_view type, std::string_view data_json);

  // How frames reach many connections at once (the server groups them by io thread, one
  // hop per thread instead of one per connection). Without it, each connection's Send.
  using BatchSender = std::function<void(std::vector<std::shared_ptr<StreamConnection>>, Frame)>;
  void SetBatchSender(BatchSender sender) { batch_sender_ = std::move(sender); }
  // Closes every connection of `user` (deactivated, role or password changed), or only
  // those opened with `credential` (that session signed out, that token revoked).
  void Disconnect(Id user, std::optional<Id> credential = std::nullopt);

  static constexpr size_t kMaxWatched = 500;
  static constexpr auto kKeepHistory = std::chrono::minutes(10);

 private:
  struct Client {
    std::weak_ptr<StreamConnection> conn;
    StreamReader reader;
    std::vector<Id> watched;
  };
  struct Person {
    StreamReader reader;
    std::vector<const StreamConnection*> connections;
    std::deque<std::pair<std::uint64_t, Frame>> history;
    std::uint64_t evicted_upto = 0;  // every event with a sequence up to this is gone
    std::chrono::steady_clock::time_point left{};
  };
  Frame MakeFrame(std::string_view type, std::string_view data_json, std::uint64_t& sequence);
  void PruneHistories();

  WatchFilter watch_filter_;
  BatchSender batch_sender_;
  const size_t history_per_person_;
  const std::string boot_;
  std::atomic<std::uint64_t> sequence_{0};
  mutable std::mutex mu_;
  std::unordered_map<const StreamConnection*, Client> clients_;
  std::unordered_map<Id, Person> people_;
  std::unordered_map<Id, std::unordered_set<const StreamConnection*>> watchers_;
};

}  // namespace agora::live
