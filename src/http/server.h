// The HTTP/1.1 server: Boost.Beast on Asio with C++20 coroutines, one single-threaded
// io_context per core (connections handed out round-robin, so none needs a strand), keep-alive, header/body limits (431/413),
// read and idle timeouts, and a graceful drain on SIGTERM/SIGINT. For each request it
// authenticates (bearer token or session cookie), enforces the route's access level and CSRF,
// calls the handler (on the worker pool when the route is slow), adds the security headers,
// records metrics and writes one JSON access-log line. Beast stays inside server.cpp.
#pragma once

#include <functional>
#include <memory>

#include "core/config.h"
#include "http/http_metrics.h"
#include "http/router.h"
#include "http/static_files.h"
#include "live/stream_hub.h"
#include "modules/idempotency/service.h"
#include "modules/identity/service.h"

namespace agora::http {

struct ServerDeps {
  const HttpConfig& config;
  const AuthConfig& auth;
  const Router& router;
  identity::IdentityService& identity;
  const StaticFiles& static_files;
  HttpMetrics& metrics;
  idempotency::IdempotencyService& idempotency;
  // Run on every io thread: once when it starts, and every few milliseconds while it runs
  // (the app uses them to let the thread reuse database read snapshots and release them).
  std::function<void()> io_thread_start = nullptr;
  std::function<void()> io_thread_tick = nullptr;
  // Live events: GET /api/v1/stream upgrades to a WebSocket attached here (null: no stream).
  live::StreamHub* stream = nullptr;
  // Run on an image thread after each image handler (the app returns the decoder's memory).
  std::function<void()> after_image_job = nullptr;
};

class Server {
 public:
  explicit Server(ServerDeps deps);
  ~Server();
  // Binds and listens on config.listen; returns the bound port. Throws std::runtime_error.
  int Bind();
  // Serves until SIGTERM/SIGINT, then stops accepting and waits for requests in flight (up
  // to drain_timeout_seconds) before returning.
  void Run();
  // True while the server accepts new requests (readiness).
  bool accepting() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agora::http
