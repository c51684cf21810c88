#include "live/stream_hub.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/crypto.h"

namespace agora::live {
namespace {

Frame Text(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

// "<boot>.<sequence>" -> the sequence, when the boot matches.
std::optional<std::uint64_t> SequenceOf(std::string_view id, std::string_view boot) {
  auto dot = id.find('.');
  if (dot == std::string_view::npos || id.substr(0, dot) != boot) return std::nullopt;
  std::uint64_t v = 0;
  auto digits = id.substr(dot + 1);
  if (digits.empty() || digits.size() > 19) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

}  // namespace

StreamHub::StreamHub(size_t history_per_person)
    : history_per_person_(history_per_person), boot_(crypto::ToHex(crypto::RandomToken(4)).substr(0, 8)) {}

Frame StreamHub::MakeFrame(std::string_view type, std::string_view data_json, std::uint64_t& sequence) {
  sequence = ++sequence_;
  std::string f = "{\"type\":";
  f += boost::json::serialize(boost::json::string(type));
  f += ",\"id\":\"" + boot_ + "." + std::to_string(sequence) + "\",\"data\":";
  f += data_json.empty() ? "null" : data_json;
  f += '}';
  return Text(std::move(f));
}

void StreamHub::Attach(const std::shared_ptr<StreamConnection>& conn, StreamReader reader, std::string_view last_event_id) {
  std::vector<Frame> missed;
  {
    std::lock_guard lock(mu_);
    PruneHistories();
    clients_[conn.get()] = {conn, reader, {}};
    auto& person = people_[reader.user];
    person.reader = reader;
    person.connections.push_back(conn.get());
    if (!last_event_id.empty()) {
      auto after = SequenceOf(last_event_id, boot_);
      if (!after || *after < person.evicted_upto) {
        std::uint64_t seq;
        missed.push_back(MakeFrame("resync", "", seq));
      } else {
        for (const auto& [seq, frame] : person.history)
          if (seq > *after) missed.push_back(frame);
      }
    }
  }
  for (auto& f : missed) conn->Send(std::move(f));
}

void StreamHub::Detach(const StreamConnection* conn) {
  std::lock_guard lock(mu_);
  auto it = clients_.find(conn);
  if (it == clients_.end()) return;
  for (Id id : it->second.watched) {
    auto w = watchers_.find(id);
    if (w == watchers_.end()) continue;
    w->second.erase(conn);
    if (w->second.empty()) watchers_.erase(w);
  }
  auto& person = people_[it->second.reader.user];
  std::erase(person.connections, conn);
  if (person.connections.empty()) person.left = std::chrono::steady_clock::now();
  clients_.erase(it);
}

// Histories of people gone for longer than kKeepHistory are dropped (under mu_).
void StreamHub::PruneHistories() {
  auto now = std::chrono::steady_clock::now();
  std::erase_if(people_, [&](const auto& entry) {
    return entry.second.connections.empty() && now - entry.second.left > kKeepHistory;
  });
}

std::optional<Frame> StreamHub::OnMessage(const StreamConnection* conn, std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  const boost::json::object* o = !ec ? v.if_object() : nullptr;
  const boost::json::value* t = o ? o->if_contains("type") : nullptr;
  const boost::json::string* type = t ? t->if_string() : nullptr;
  if (!type) return Text(R"({"type":"error","data":{"detail":"send a JSON object with a type"}})");
  if (*type == "ping") return Text(R"({"type":"pong"})");
  if (*type == "watch") {
    std::vector<Id> ids;
    const boost::json::value* list = o->if_contains("ids");
    if (const boost::json::array* arr = list ? list->if_array() : nullptr) {
      for (const auto& e : *arr) {
        if (ids.size() >= kMaxWatched) break;
        if (auto* s = e.if_string())
          if (auto id = ParseId(*s)) ids.push_back(*id);
      }
    }
    if (watch_filter_) {
      std::optional<StreamReader> reader;
      {
        std::lock_guard lock(mu_);
        auto it = clients_.find(conn);
        if (it != clients_.end()) reader = it->second.reader;
      }
      if (!reader) return std::nullopt;
      ids = watch_filter_(*reader, std::move(ids));  // outside the lock: it reads the database
    }
    std::lock_guard lock(mu_);
    auto it = clients_.find(conn);
    if (it == clients_.end()) return std::nullopt;
    for (Id id : it->second.watched) {
      auto w = watchers_.find(id);
      if (w == watchers_.end()) continue;
      w->second.erase(conn);
      if (w->second.empty()) watchers_.erase(w);
    }
    it->second.watched = ids;
    for (Id id : ids) watchers_[id].insert(conn);
    return std::nullopt;
  }
  return Text(R"({"type":"error","data":{"detail":"unknown message type"}})");
}

std::vector<StreamReader> StreamHub::Present() const {
  std::lock_guard lock(mu_);
  std::vector<StreamReader> out;
  out.reserve(people_.size());
  for (const auto& [id, person] : people_) out.push_back(person.reader);
  return out;
}

std::optional<StreamReader> StreamHub::ReaderOf(Id user) const {
  std::lock_guard lock(mu_);
  auto it = people_.find(user);
  if (it == people_.end()) return std::nullopt;
  return it->second.reader;
}

std::vector<StreamReader> StreamHub::Watchers(Id content_id) const {
  std::lock_guard lock(mu_);
  std::vector<StreamReader> out;
  auto w = watchers_.find(content_id);
  if (w == watchers_.end()) return out;
  for (const auto* conn : w->second) {
    const auto& reader = clients_.at(conn).reader;
    bool seen = false;
    for (const auto& r : out) seen = seen || r.user == reader.user;
    if (!seen) out.push_back(reader);
  }
  return out;
}

void StreamHub::SendTo(Id user, std::string_view type, std::string_view data_json) {
  SendToMany({user}, type, data_json);
}

void StreamHub::SendToMany(const std::vector<Id>& users, std::string_view type, std::string_view data_json) {
  std::vector<std::shared_ptr<StreamConnection>> targets;
  Frame frame;
  {
    std::lock_guard lock(mu_);
    std::uint64_t seq = 0;
    for (Id user : users) {
      auto it = people_.find(user);
      if (it == people_.end()) continue;  // not here, nor recently: they will load afresh
      if (!frame) frame = MakeFrame(type, data_json, seq);
      auto& person = it->second;
      person.history.emplace_back(seq, frame);
      while (person.history.size() > history_per_person_) {
        person.evicted_upto = person.history.front().first;
        person.history.pop_front();
      }
      for (const auto* c : person.connections)
        if (auto conn = clients_.at(c).conn.lock()) targets.push_back(std::move(conn));
    }
  }
  if (targets.empty()) return;
  if (batch_sender_) {
    batch_sender_(std::move(targets), frame);
    return;
  }
  for (auto& t : targets) t->Send(frame);
}

void StreamHub::Disconnect(Id user, std::optional<Id> credential) {
  std::vector<std::shared_ptr<StreamConnection>> targets;
  {
    std::lock_guard lock(mu_);
    auto it = people_.find(user);
    if (it == people_.end()) return;
    for (const auto* c : it->second.connections) {
      const auto& client = clients_.at(c);
      if (credential && client.reader.credential != *credential) continue;
      if (auto conn = client.conn.lock()) targets.push_back(std::move(conn));
    }
  }
  for (auto& t : targets) t->Close();
}


}  // namespace agora::live
