// Live delivery benchmark client (bench/stream.sh): holds one WebSocket per reader token open
// on GET /api/v1/stream while the author posts POSTS times, one a second, and reports how
// long each post took from its created_at (stamped by the server when it took the post) to
// its arrival on every socket.
//
// Written with Beast on one thread rather than in Node: the clients share the machine's
// cores with the server, and a Node client spent about 25 microseconds of CPU on each
// message, 10,000 per post, so what was measured was largely the client (docs/feed.md).
//
// Usage: agora_stream_bench HOST PORT TOKENS_FILE AUTHOR_TOKEN POSTS
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

double NowMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// "2026-11-23T20:34:25.123Z" -> milliseconds since the epoch.
double ParseRfc3339Ms(const std::string& s) {
  std::tm tm{};
  int ms = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                  &tm.tm_sec, &ms) < 6)
    return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<double>(timegm(&tm)) * 1000.0 + ms;
}

// The value of "key":"..." after `from` in a JSON text (ids and times need no unescaping).
std::string StringAfter(const std::string& json, const std::string& key, size_t from = 0) {
  const std::string needle = "\"" + key + "\":\"";
  auto at = json.find(needle, from);
  if (at == std::string::npos) return {};
  at += needle.size();
  auto end = json.find('"', at);
  return end == std::string::npos ? std::string() : json.substr(at, end - at);
}

struct Arrival {
  std::string post_id;
  double at_ms;
};

class Reader : public std::enable_shared_from_this<Reader> {
 public:
  Reader(asio::io_context& ioc, std::vector<Arrival>& arrivals, int& closed)
      : ws_(ioc), arrivals_(arrivals), closed_(closed) {}

  void Open(const tcp::endpoint& at, const std::string& host, const std::string& token,
            std::function<void(bool)> done) {
    beast::get_lowest_layer(ws_).async_connect(at, [self = shared_from_this(), host, token, done](beast::error_code ec) {
      if (ec) return done(false);
      self->ws_.set_option(websocket::stream_base::decorator([token](websocket::request_type& req) {
        req.set(http::field::authorization, "Bearer " + token);
      }));
      self->ws_.async_handshake(host, "/api/v1/stream", [self, done](beast::error_code ec) {
        if (ec) return done(false);
        self->Read();
        done(true);
      });
    });
  }

 private:
  void Read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) {
        ++self->closed_;
        return;
      }
      const double t = NowMs();
      // Only the start of the frame is looked at: {"type":"post","id":..,"data":{"id":"<post>"
      auto data = self->buffer_.cdata();
      std::string head(static_cast<const char*>(data.data()), std::min<size_t>(data.size(), 160));
      if (head.starts_with("{\"type\":\"post\"")) {
        auto at = head.find("\"data\":");
        if (at != std::string::npos) self->arrivals_.push_back({StringAfter(head, "id", at), t});
      }
      self->buffer_.consume(self->buffer_.size());
      self->Read();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::vector<Arrival>& arrivals_;
  int& closed_;
};

// POST /api/v1/posts as the author; the created post's id and created_at.
std::pair<std::string, double> Post(const tcp::endpoint& at, const std::string& host, const std::string& token, int n) {
  asio::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(at);
  http::request<http::string_body> req{http::verb::post, "/api/v1/posts", 11};
  req.set(http::field::host, host);
  req.set(http::field::authorization, "Bearer " + token);
  req.set(http::field::content_type, "application/json");
  req.body() = "{\"body\":\"Live benchmark post " + std::to_string(n) + " #stream\"}";
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  if (res.result() != http::status::created) throw std::runtime_error("posting failed: " + res.body());
  return {StringAfter(res.body(), "id"), ParseRfc3339Ms(StringAfter(res.body(), "created_at"))};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: agora_stream_bench HOST PORT TOKENS_FILE AUTHOR_TOKEN POSTS\n";
    return 2;
  }
  const std::string host = argv[1];
  const tcp::endpoint at(asio::ip::make_address(host), static_cast<unsigned short>(std::stoi(argv[2])));
  std::vector<std::string> tokens;
  {
    std::ifstream in(argv[3]);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) tokens.push_back(line);
  }
  const std::string author = argv[4];
  const int posts = std::stoi(argv[5]);

  asio::io_context ioc;
  std::vector<Arrival> arrivals;
  arrivals.reserve(tokens.size() * static_cast<size_t>(posts) + 16);
  int closed = 0;
  std::vector<std::shared_ptr<Reader>> readers;
  size_t next = 0, connected = 0, finished = 0;
  const double started = NowMs();
  // At most 200 handshakes in flight, as a crowd of browsers arriving would be.
  std::function<void()> open_next = [&] {
    if (next >= tokens.size()) return;
    auto r = std::make_shared<Reader>(ioc, arrivals, closed);
    readers.push_back(r);
    r->Open(at, host, tokens[next++], [&](bool ok) {
      connected += ok;
      ++finished;
      open_next();
    });
  };
  for (int i = 0; i < 200; ++i) open_next();
  while (finished < tokens.size()) ioc.run_one();
  std::printf("streams open: %zu of %zu in %.1f s (one client thread)\n", connected, tokens.size(), (NowMs() - started) / 1000);

  // Reading runs on its own thread; the author posts from this one.
  auto work = asio::make_work_guard(ioc);
  std::thread reader_thread([&] { ioc.run(); });
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::unordered_map<std::string, double> sent;
  for (int i = 0; i < posts; ++i) {
    auto [id, created] = Post(at, host, author, i);
    asio::post(ioc, [&sent, id, created] { sent[id] = created; });
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  std::this_thread::sleep_for(std::chrono::seconds(2));
  std::vector<double> latencies;
  asio::post(ioc, [&] {
    for (const auto& a : arrivals)
      if (auto it = sent.find(a.post_id); it != sent.end()) latencies.push_back(a.at_ms - it->second);
    ioc.stop();
  });
  reader_thread.join();
  std::sort(latencies.begin(), latencies.end());
  auto q = [&](double p) {
    return latencies.empty() ? 0.0 : latencies[std::min(latencies.size() - 1, static_cast<size_t>(p * latencies.size()))];
  };
  std::printf("deliveries: %zu of %zu (%d posts x %zu streams)\n", latencies.size(), connected * static_cast<size_t>(posts),
              posts, connected);
  std::printf("post -> WebSocket latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n", q(0.5), q(0.9), q(0.99),
              latencies.empty() ? 0.0 : latencies.back());
  std::printf("streams closed by the server meanwhile: %d\n", closed);
  return 0;
}
