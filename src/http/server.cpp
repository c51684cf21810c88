#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <atomic>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <chrono>
#include <csignal>
#include <thread>
#include <sys/resource.h>
#include <unistd.h>
#include <xxhash.h>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/metrics.h"
#include "http/connection_limiter.h"
#include "http/framing.h"
#include "http/job_limiter.h"
#include "http/origin.h"
#include "http/problem.h"
#include "http/ranges.h"
#include "http/response.h"
#include "http/write_limiter.h"
#include "store/database.h"

namespace agora::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

namespace {

std::string_view Sv(beast::string_view s) { return {s.data(), s.size()}; }

std::int64_t NowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The Date header changes once a second; format it once per second per thread.
const std::string& CachedDate() {
  thread_local std::int64_t second = -1;
  thread_local std::string text;
  auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (now != second) {
    second = now;
    text = FormatHttpDate(now);
  }
  return text;
}

// XXH3: a stable fingerprint of a response body for ETag. (A byte-at-a-time FNV-1a here
// was 12% of a feed request's CPU: a page is 14 KB.)
std::string WeakEtag(std::string_view body) {
  const std::uint64_t h = XXH3_64bits(body.data(), body.size());
  char buf[24];
  std::snprintf(buf, sizeof buf, "W/\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

// What a route answers that clients may revalidate (static files do their own).
bool Revalidated(std::string_view content_type) {
  return content_type == "application/json" || content_type.starts_with("application/atom+xml") ||
         content_type.starts_with("text/html") || content_type.starts_with("application/xml");
}

bool ValidRequestId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ");
  for (char c : value)
    if (c != '\r' && c != '\n') out.push_back(c);  // no header injection, whatever a handler did
  out.append("\r\n");
}

}  // namespace

std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int configured) {
  int n = configured > 0 ? configured : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::unique_ptr<asio::io_context>> v;
  for (int i = 0; i < n; ++i) v.push_back(std::make_unique<asio::io_context>(1));
  return v;
}

// How long frames wait in a stream connection's queue before the socket takes them: with the
// fan-out time (live/push), how late live events are.
metrics::Histogram& StreamQueueWait() {
  static metrics::Histogram h;
  static std::once_flag registered;
  std::call_once(registered, [] {
    metrics::Register([](std::string& out) { h.Render(out, "agora_stream_frame_wait_seconds", ""); });
  });
  return h;
}

// One client of GET /api/v1/stream. Frames queue here and one coroutine writes them; Send
// may be called from any thread (it hops to the connection's io thread). A client that lets
// more than kMaxQueued frames (or kMaxQueuedBytes) pile up is closed with 1013 "try again
// later" once its socket takes the close frame, or dropped after kCloseGrace: it resumes
// with its last event id when it can keep up. Nobody else waits for it.
class WsConnection : public live::StreamConnection, public std::enable_shared_from_this<WsConnection> {
 public:
  static constexpr size_t kMaxQueued = 256;
  static constexpr size_t kMaxQueuedBytes = 4 << 20;
  static constexpr auto kCloseGrace = std::chrono::seconds(30);

  explicit WsConnection(beast::tcp_stream&& stream)
      : ws(std::move(stream)), grace(ws.get_executor()), recheck(ws.get_executor()) {
    ws.text(true);
  }

  void Send(live::Frame frame) override {
    asio::post(ws.get_executor(), [self = shared_from_this(), frame = std::move(frame)]() mutable { self->Push(std::move(frame)); });
  }
  void Close() override {
    asio::post(ws.get_executor(), [self = shared_from_this()] { self->StartClosing(); });
  }

  // The rest runs on the connection's io thread. Writes are chained with plain completion
  // handlers rather than a coroutine: a post to 10,000 streams is 10,000 writes, and the
  // coroutine machinery per write was a large part of their cost.
  void Push(live::Frame frame) {
    if (closing) return;
    if (queue.size() >= kMaxQueued || queued_bytes + frame->size() > kMaxQueuedBytes) {
      overflowed = true;
      queue.clear();
      queued_bytes = 0;
      StartClosing();
      return;
    }
    queued_bytes += frame->size();
    queue.push_back({std::move(frame), NowNanos()});
    if (!writing) WriteNext();
  }

  // The writer sends a close frame after the frame in flight; a socket that takes nothing
  // more is closed outright when the grace period ends.
  void StartClosing() {
    if (closing) return;
    closing = true;
    grace.expires_after(kCloseGrace);
    grace.async_wait([self = shared_from_this()](boost::system::error_code ec) {
      if (ec) return;
      boost::system::error_code ignored;
      beast::get_lowest_layer(self->ws).socket().close(ignored);
    });
    if (!writing) WriteNext();
  }

  void WriteNext() {
    if (closing && (overflowed || queue.empty())) {
      writing = true;  // nothing else is written after the close frame
      if (!ws.is_open()) {
        grace.cancel();
        return;
      }
      websocket::close_reason reason(overflowed ? websocket::close_code::try_again_later : websocket::close_code::normal);
      if (overflowed) reason.reason = "too slow: reconnect with your last event id";
      ws.async_close(reason, [self = shared_from_this()](boost::system::error_code) { self->grace.cancel(); });
      return;
    }
    if (queue.empty()) {
      writing = false;
      return;
    }
    writing = true;
    auto [frame, since] = std::move(queue.front());
    queue.pop_front();
    queued_bytes -= frame->size();
    auto buffer = asio::buffer(*frame);
    ws.async_write(buffer, [self = shared_from_this(), frame = std::move(frame), since](boost::system::error_code ec, size_t) {
      if (ec) {
        self->closing = true;
        self->grace.cancel();
        return;
      }
      StreamQueueWait().ObserveNanos(static_cast<std::uint64_t>(NowNanos() - since));
      self->WriteNext();
    });
  }

  websocket::stream<beast::tcp_stream> ws;
  asio::steady_timer grace;
  asio::steady_timer recheck;  // the credential's next check (Server::Impl::StreamRecheck)
  std::deque<std::pair<live::Frame, std::int64_t>> queue;  // frame, when queued
  size_t queued_bytes = 0;
  bool writing = false;
  bool closing = false;
  bool overflowed = false;
};

struct Server::Impl {
  explicit Impl(ServerDeps deps)
      : d(deps),
        contexts(MakeContexts(deps.config.threads)),
        ioc(*contexts.front()),
        workers(static_cast<size_t>(deps.config.worker_threads)),
        image_jobs(deps.config.image_jobs_per_person, deps.config.image_jobs_queued),
        connections(deps.config.trust_proxy ? 0 : deps.config.max_connections_per_ip),
        acceptor(ioc),
        write_limiter(deps.config.writes_per_minute, deps.config.write_burst),
        signals(ioc, SIGINT, SIGTERM),
        request_id_prefix(crypto::ToHex(crypto::Sha256(crypto::RandomToken(8))).substr(0, 8)) {
    security_header_fields = {
        {"Content-Security-Policy",
         "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'self'; "
         "frame-ancestors 'none'; form-action 'self'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "same-origin"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
        {"Cross-Origin-Resource-Policy", "same-origin"},
        {"Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"},
    };
    if (deps.config.public_url.rfind("https://", 0) == 0)
      security_header_fields.emplace_back("Strict-Transport-Security", "max-age=31536000");
    for (const auto& [name, value] : security_header_fields) security_headers.append(name).append(": ").append(value).append("\r\n");
    // One hop per io thread for a frame going to many connections, rather than one each.
    if (deps.stream)
      deps.stream->SetBatchSender([](std::vector<std::shared_ptr<live::StreamConnection>> conns, live::Frame frame) {
        std::unordered_map<asio::execution_context*, std::vector<std::shared_ptr<WsConnection>>> by_thread;
        for (auto& c : conns) {
          auto ws = std::static_pointer_cast<WsConnection>(c);
          by_thread[&asio::query(ws->ws.get_executor(), asio::execution::context)].push_back(std::move(ws));
        }
        for (auto& [context, group] : by_thread) {
          auto executor = group.front()->ws.get_executor();
          asio::post(executor, [group = std::move(group), frame] {
            for (const auto& ws : group) ws->Push(frame);
          });
        }
      });
  }

  awaitable<void> Listen();
  awaitable<void> Session(tcp::socket socket);
  awaitable<void> Stream(beast::tcp_stream& stream, bhttp::request<bhttp::string_body>& msg, Request& req);
  awaitable<boost::system::error_code> SendFile(beast::tcp_stream& stream, const OpenFile& file, std::uint64_t first, std::uint64_t length);
  awaitable<void> StreamReadLoop(std::shared_ptr<WsConnection> conn);
  awaitable<void> StreamRecheck(std::shared_ptr<WsConnection> conn, std::string credential, bool bearer,
                                identity::Principal opened);
  bool OriginAllowed(const bhttp::request<bhttp::string_body>& msg) const;
  // Admitted expensive work (an image, a search): its place is given back when the handler
  // ends (or the request is abandoned).
  struct JobSlot {
    JobLimiter* limiter = nullptr;
    Id person = 0;
    void Release() {
      if (limiter) limiter->Finish(person);
      limiter = nullptr;
    }
    ~JobSlot() { Release(); }
  };
  // Everything decided before a request's body is read: 405/404 and static files, then
  // authentication, CSRF, the write limit and image admission. A response means refused.
  std::optional<Response> Admit(Request& req, const RouteMatch& match, size_t& slot,
                                std::optional<identity::Principal>& principal, JobSlot& job_slot);
  awaitable<Response> Run(const Route& route, Request& req);
  static Response Failure(const std::exception& e, const std::string& request_id);
  awaitable<Response> Invoke(const Route& route, Request& req);
  awaitable<Response> InvokeIdempotent(const Route& route, Request& req);
  std::optional<Response> Authenticate(Request& req, const Route& route, std::optional<identity::Principal>& holder);
  void WriteHead(std::string& out, const Response& r, bool keep_alive, std::string_view request_id) const;
  awaitable<void> WriteError(beast::tcp_stream& stream, const Error& e, std::string_view request_id);
  void StartDrain();
  awaitable<void> Drain();
  awaitable<void> Tick(asio::io_context& context);
  void RunContext(size_t i);
  static awaitable<void> DiscardUnreadBody(beast::tcp_stream& stream);

  ServerDeps d;
  // One io_context per io thread, each run by that thread alone: a connection lives on one
  // context, so it needs no strand and the contexts share no scheduler lock. The acceptor
  // (on the first) hands connections out round-robin, which keeps them balanced, unlike
  // SO_REUSEPORT's hashing.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  asio::io_context& ioc;
  size_t next_context = 0;
  asio::thread_pool workers;  // password hashing
  asio::thread_pool outbound{4};  // handlers waiting on other servers (single sign-on)
  // Searches: as many threads as cores, so that searches use the machine but wait for one
  // another, not for the io threads every other request needs.
  asio::thread_pool searches{std::max(2u, std::thread::hardware_concurrency())};
  // Image decoding: threads of their own at a lower CPU priority (nice), so that even a
  // machine busy decoding answers sign-ins and page loads first.
  asio::io_context images;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> images_guard;
  std::vector<std::thread> image_threads;
  JobLimiter image_jobs;
  // Searches waiting for or holding a search thread: beyond, 503 at once rather than a queue
  // that keeps the threads busy for clients that have given up (no 429: never one person's).
  static constexpr int kSearchesQueued = 16;
  JobLimiter search_jobs{kSearchesQueued + 1, kSearchesQueued, "searches"};
  ConnectionLimiter connections;
  OriginPolicy origins;
  std::vector<std::pair<std::string, std::string>> security_header_fields;
  tcp::acceptor acceptor;
  WriteLimiter write_limiter;
  asio::signal_set signals;
  std::string security_headers;
  std::string request_id_prefix;
  std::atomic<std::uint64_t> request_counter{0};
  std::atomic<int> in_flight{0};
  std::atomic<bool> draining{false};
};

Server::Server(ServerDeps deps) : impl_(std::make_unique<Impl>(deps)) {}
Server::~Server() = default;

bool Server::accepting() const { return impl_->acceptor.is_open() && !impl_->draining; }

int Server::Bind() {
  const auto& listen = impl_->d.config.listen;
  auto colon = listen.rfind(':');
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  auto port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
  boost::system::error_code ec;
  tcp::resolver resolver(impl_->ioc);
  auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || results.empty()) throw std::runtime_error("cannot resolve listen address " + listen + ": " + ec.message());
  tcp::endpoint ep = results.begin()->endpoint();
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + listen + ": " + ec.message());
  const int bound = a.local_endpoint().port();
  impl_->origins = OriginPolicy(impl_->d.config.public_url, host, bound);
  return bound;
}

void Server::Run() {
  auto& s = *impl_;
  s.signals.async_wait([&s](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    log::Info("shutting down", {{"signal", signo}});
    s.StartDrain();
  });
  asio::co_spawn(s.ioc, s.Listen(), asio::detached);
  for (auto& c : s.contexts) s.guards.push_back(asio::make_work_guard(*c));
  s.images_guard.emplace(asio::make_work_guard(s.images));
  for (int i = 0; i < s.d.config.image_threads; ++i)
    s.image_threads.emplace_back([&s] {
      // Linux keeps a nice value per thread: this lowers only the image threads.
      if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10) != 0) log::Warn("could not lower the image threads' priority");
      s.images.run();
    });
  std::vector<std::thread> threads;
  for (size_t i = 1; i < s.contexts.size(); ++i) threads.emplace_back([&s, i] { s.RunContext(i); });
  s.RunContext(0);
  for (auto& t : threads) t.join();
  s.workers.join();
  s.outbound.join();
  s.searches.join();
  s.images_guard.reset();
  for (auto& t : s.image_threads) t.join();
}

void Server::Impl::RunContext(size_t i) {
  if (d.io_thread_start) d.io_thread_start();
  if (d.io_thread_tick) asio::co_spawn(*contexts[i], Tick(*contexts[i]), asio::detached);
  contexts[i]->run();
}

awaitable<void> Server::Impl::Tick(asio::io_context& context) {
  asio::steady_timer timer(context);
  for (;;) {
    timer.expires_after(std::chrono::milliseconds(5));
    auto [ec] = co_await timer.async_wait(kTuple);
    if (ec || context.stopped()) co_return;
    d.io_thread_tick();
  }
}

void Server::Impl::StartDrain() {
  if (draining.exchange(true)) return;
  boost::system::error_code ec;
  acceptor.close(ec);
  asio::co_spawn(ioc, Drain(), asio::detached);
}

// Waits until the requests in flight have been answered (or the grace period ends), then
// stops the io_context; idle keep-alive connections are simply closed.
awaitable<void> Server::Impl::Drain() {
  auto deadline = NowNanos() + std::int64_t{d.config.drain_timeout_seconds} * 1'000'000'000;
  asio::steady_timer timer(ioc);
  while (in_flight.load() != 0 && NowNanos() < deadline) {
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kTuple);
  }
  if (in_flight.load() != 0) log::Warn("drain timeout: closing requests in flight", {{"in_flight", in_flight.load()}});
  for (auto& c : contexts) c->stop();
}

awaitable<void> Server::Impl::Listen() {
  for (;;) {
    auto& target = *contexts[next_context++ % contexts.size()];
    auto [ec, socket] = co_await acceptor.async_accept(target, kTuple);
    if (ec) {
      if (!acceptor.is_open()) co_return;
      // Out of file descriptors or a transient error: back off briefly rather than spin.
      asio::steady_timer t(ioc, std::chrono::milliseconds(50));
      co_await t.async_wait(kTuple);
      continue;
    }
    auto ex = socket.get_executor();
    asio::co_spawn(ex, Session(std::move(socket)), asio::detached);
  }
}

void Server::Impl::WriteHead(std::string& out, const Response& r, bool keep_alive, std::string_view request_id) const {
  out.clear();
  out.append("HTTP/1.1 ").append(std::to_string(r.status)).append(" ").append(ReasonPhrase(r.status)).append("\r\n");
  out.append("Date: ").append(CachedDate()).append("\r\n");
  if (!r.content_type.empty()) out.append("Content-Type: ").append(r.content_type).append("\r\n");
  if (r.status != 204 && r.status != 304) out.append("Content-Length: ").append(std::to_string(r.Length())).append("\r\n");
  if (!r.cache_control.empty()) out.append("Cache-Control: ").append(r.cache_control).append("\r\n");
  out.append(security_headers);
  out.append("X-Request-Id: ").append(request_id).append("\r\n");
  for (const auto& [k, v] : r.headers) AppendHeader(out, k, v);
  if (!keep_alive) out.append("Connection: close\r\n");
  out.append("\r\n");
}

awaitable<void> Server::Impl::WriteError(beast::tcp_stream& stream, const Error& e, std::string_view request_id) {
  Response r = Problem(e);
  std::string head;
  WriteHead(head, r, false, request_id);
  stream.expires_after(std::chrono::seconds(d.config.read_timeout_seconds));
  std::array<asio::const_buffer, 2> bufs{asio::buffer(head), asio::buffer(r.Bytes().data(), r.Bytes().size())};
  co_await asio::async_write(stream, bufs, kTuple);
}

// A file body after its head, a piece at a time (a piece read from the page cache costs less
// than sending it): memory stays one piece per download whatever the file's size. A file
// that ends early (cut short on disk) ends the connection, so the client sees the answer
// short of its Content-Length rather than a wrong file.
awaitable<boost::system::error_code> Server::Impl::SendFile(beast::tcp_stream& stream, const OpenFile& file, std::uint64_t first,
                                                            std::uint64_t length) {
  constexpr std::uint64_t kPiece = 256 * 1024;
  std::vector<char> piece(static_cast<size_t>(std::min(length, kPiece)));
  while (length > 0) {
    auto n = file.ReadAt(first, std::span<char>(piece.data(), static_cast<size_t>(std::min<std::uint64_t>(length, piece.size()))));
    if (n <= 0) co_return asio::error::make_error_code(asio::error::eof);
    stream.expires_after(std::chrono::seconds(d.config.read_timeout_seconds));
    auto [ec, written] = co_await asio::async_write(stream, asio::buffer(piece.data(), static_cast<size_t>(n)), kTuple);
    if (ec) co_return ec;
    first += written;
    length -= written;
  }
  co_return boost::system::error_code();
}

// A lingering close (as nginx does): after refusing a body (413) the client is usually still
// sending it. Closing at once with unread data makes the kernel answer with a reset, which
// can destroy the response before the client reads it; so the rest is read and dropped, for
// at most a few seconds, before the socket closes.
awaitable<void> Server::Impl::DiscardUnreadBody(beast::tcp_stream& stream) {
  constexpr auto kLinger = std::chrono::seconds(5);
  std::array<char, 16384> scratch;
  stream.expires_after(kLinger);
  for (;;) {
    auto [ec, n] = co_await stream.async_read_some(asio::buffer(scratch), kTuple);
    if (ec) break;
  }
}

std::optional<Response> Server::Impl::Authenticate(Request& req, const Route& route,
                                                   std::optional<identity::Principal>& holder) {
  if (route.options.access == Access::kAnonymous) return std::nullopt;
  if (req.authorization.size() > 7 && (req.authorization.substr(0, 7) == "Bearer " || req.authorization.substr(0, 7) == "bearer ")) {
    holder = d.identity.AuthenticateBearer(req.authorization.substr(7));
    // A credential that was sent but is wrong is an error even on public routes: a script
    // with a revoked token should learn it, not silently act as anonymous.
    if (!holder) return Problem(Error::Unauthenticated("the access token is not valid"));
  } else if (auto cookie = req.Cookie("agora_session"); !cookie.empty()) {
    holder = d.identity.AuthenticateSession(cookie);
  }
  if (holder) req.principal = &*holder;
  if (route.options.access != Access::kPublic && !holder)
    return Problem(Error::Unauthenticated("sign in first"));
  if (route.options.access == Access::kAdmin && !holder->is_admin())
    return Problem(Error::Forbidden("this needs the admin role"));
  if (route.options.access == Access::kAdmin && !holder->user.two_factor && d.identity.TwoFactorRequiredForAdmins())
    return Problem(Error::Forbidden("admins must turn on two-factor sign-in first (Settings, Two-factor sign-in)"));
  // Cookies are sent by the browser on its own; a write made with one must prove it came
  // from our page by echoing the session's CSRF token.
  if (holder && holder->kind == identity::CredentialKind::kSession && !IsSafe(req.method) &&
      !crypto::ConstantTimeEquals(req.csrf_token, holder->csrf_token))
    return Problem(Error::Forbidden("missing or wrong X-CSRF-Token header"));
  return std::nullopt;
}

std::optional<Response> Server::Impl::Admit(Request& req, const RouteMatch& match, size_t& slot,
                                            std::optional<identity::Principal>& principal, JobSlot& job_slot) {
  if (!match.route) {
    if (match.path_matched) {
      slot = d.metrics.UnmatchedSlot();
      Response r = Problem({ErrorCode::kMethodNotAllowed, "allowed here: " + match.allow, {}, 0});
      r.headers.emplace_back("Allow", match.allow);
      return r;
    }
    // The API reference is a page the web client's build made (api-docs.html), at the address
    // people look for it; every other /api/ path is the API's.
    const bool api_docs = req.path == "/api/docs" || req.path == "/api/docs/";
    if ((req.method == Method::kGet || req.method == Method::kHead) && (api_docs || req.path.rfind("/api/", 0) != 0)) {
      if (auto decoded = PercentDecode(api_docs ? std::string_view("/api-docs.html") : std::string_view(req.path))) {
        if (auto r = d.static_files.Serve(*decoded, req.if_none_match, AcceptsGzip(req.accept_encoding),
                                             ReaderLanguage(req.Cookie("agora_language"), req.accept_language))) {
          slot = d.metrics.StaticSlot();
          return std::move(*r);
        }
      }
    }
    slot = d.metrics.UnmatchedSlot();
    return Problem(Error::NotFound("no such resource"));
  }
  const Route& route = *match.route;
  slot = route.index;
  req.params = match.params;
  if (auto refused = Authenticate(req, route, principal)) return refused;
  if (req.principal && !IsSafe(req.method))
    if (int wait = write_limiter.Take(req.principal->user.id); wait > 0) {
      Response limited = Problem(Error::RateLimited(wait));
      limited.headers.emplace_back("RateLimit-Limit", std::to_string(write_limiter.burst()));
      return limited;
    }
  // Image work is admitted before it queues (429 for one person's third upload at once, 503
  // when everyone's together fill the queue); the slot is released when the handler ends.
  if (route.options.work == Work::kImage && req.principal) {
    if (auto full = image_jobs.Start(req.principal->user.id)) return Problem(*full);
    job_slot.limiter = &image_jobs;
    job_slot.person = req.principal->user.id;
  }
  if (route.options.work == Work::kSearch) {
    const Id person = req.principal ? req.principal->user.id : 0;
    if (auto full = search_jobs.Start(person)) return Problem(*full);
    job_slot.limiter = &search_jobs;
    job_slot.person = person;
  }
  return std::nullopt;
}

awaitable<Response> Server::Impl::Run(const Route& route, Request& req) {
  if (route.options.idempotent && !req.idempotency_key.empty() && req.principal)
    co_return co_await InvokeIdempotent(route, req);
  co_return co_await Invoke(route, req);
}

// What a handler's exception becomes: a database constraint is a conflict, other database
// trouble 503, anything else a bug (500) the client can quote by request id.
Response Server::Impl::Failure(const std::exception& e, const std::string& request_id) {
  if (const auto* db = dynamic_cast<const store::DatabaseError*>(&e)) {
    log::Error("database error", {{"request_id", request_id}, {"error", e.what()}});
    return Problem(db->constraint() ? Error::Conflict("the change conflicts with existing data")
                                    : Error{ErrorCode::kUnavailable, "the database is unavailable", {}, 0});
  }
  log::Error("handler failed", {{"request_id", request_id}, {"error", e.what()}});
  return Problem(Error::Internal("internal error; quote the request id " + request_id));
}

awaitable<Response> Server::Impl::Invoke(const Route& route, Request& req) {
  switch (route.options.work) {
    case Work::kPassword:
      co_return co_await asio::co_spawn(
          workers, [&]() -> awaitable<Response> { co_return route.handler(req); }, use_awaitable);
    case Work::kImage:
      co_return co_await asio::co_spawn(
          images,
          [&]() -> awaitable<Response> {
            Response r = route.handler(req);
            if (d.after_image_job) d.after_image_job();
            co_return r;
          },
          use_awaitable);
    case Work::kOutbound:
      co_return co_await asio::co_spawn(
          outbound, [&]() -> awaitable<Response> { co_return route.handler(req); }, use_awaitable);
    case Work::kSearch:
      co_return co_await asio::co_spawn(
          searches, [&]() -> awaitable<Response> { co_return route.handler(req); }, use_awaitable);
    case Work::kInline:
      break;
  }
  co_return route.handler(req);
}

awaitable<Response> Server::Impl::InvokeIdempotent(const Route& route, Request& req) {
  if (auto st = idempotency::IdempotencyService::ValidateKey(req.idempotency_key); !st) co_return Problem(st.error());
  const Id user = req.principal->user.id;
  const std::string key(req.idempotency_key);
  const std::string route_name = std::string(MethodName(route.method)) + " " + route.pattern;
  const std::string hash = crypto::Sha256(route_name + "\n" + std::string(req.path) + "\n" + req.body);
  auto begun = d.idempotency.Begin(user, key, route_name, hash);
  if (!begun) co_return Problem(begun.error());
  if (*begun) {
    const auto& stored = **begun;
    Response r;
    r.status = stored.status;
    r.body = stored.body;
    r.content_type = stored.status == 204 ? "" : stored.status >= 400 ? "application/problem+json" : "application/json";
    if (!stored.location.empty()) r.headers.emplace_back("Location", stored.location);
    r.headers.emplace_back("Idempotent-Replayed", "true");
    co_return r;
  }
  Response res;
  try {
    res = co_await Invoke(route, req);
  } catch (...) {
    d.idempotency.Abandon(user, key);
    throw;
  }
  if (res.status >= 500) {
    d.idempotency.Abandon(user, key);
  } else {
    std::string location;
    for (const auto& [k, v] : res.headers)
      if (k == "Location") location = v;
    d.idempotency.Finish(user, key, {res.status, res.body, location});
  }
  co_return res;
}

// Browsers send an Origin with every WebSocket handshake, and a cookie with it even when a
// page of another site opens the socket; so a cookie-authenticated stream must come from a
// page of ours: the origin of http.public_url (http/origin.h), whatever the Host header says.
// (Bearer tokens are not sent by browsers on their own.)
bool Server::Impl::OriginAllowed(const bhttp::request<bhttp::string_body>& msg) const {
  if (msg.count(bhttp::field::origin) == 0) return true;  // not a browser
  return msg.count(bhttp::field::origin) == 1 && origins.Allows(Sv(msg[bhttp::field::origin]));
}

awaitable<void> Server::Impl::Stream(beast::tcp_stream& stream, bhttp::request<bhttp::string_body>& msg, Request& req) {
  std::optional<identity::Principal> principal;
  RouteMatch match = d.router.Match(Method::kGet, req.path);
  std::optional<Response> refused;
  if (!match.route) refused = Problem(Error::NotFound("no such resource"));
  else if (auto r = Authenticate(req, *match.route, principal)) refused = std::move(*r);
  else if (principal->kind == identity::CredentialKind::kSession && !OriginAllowed(msg))
    refused = Problem(Error::Forbidden("the stream only opens from this site's own pages"));
  if (refused) {
    std::string head;
    WriteHead(head, *refused, false, req.request_id);
    std::array<asio::const_buffer, 2> bufs{asio::buffer(head), asio::buffer(refused->body)};
    co_await asio::async_write(stream, bufs, kTuple);
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    co_return;
  }
  stream.expires_never();  // the WebSocket keeps its own timeouts
  auto conn = std::make_shared<WsConnection>(std::move(stream));
  // Idle streams are kept alive with pings (and dropped when pongs stop coming).
  conn->ws.set_option(websocket::stream_base::timeout{std::chrono::seconds(d.config.read_timeout_seconds),
                                                      std::chrono::seconds(60), true});
  conn->ws.read_message_max(64 * 1024);
  // The handshake's answer (101, or 400/426 for a bad one) carries the same security headers
  // as every other response, and no library version.
  conn->ws.set_option(websocket::stream_base::decorator([this](websocket::response_type& res) {
    res.set(bhttp::field::server, "Agora");
    for (const auto& [name, value] : security_header_fields) res.set(name, value);
  }));
  auto [ec] = co_await conn->ws.async_accept(msg, kTuple);
  if (ec) co_return;
  log::Info("stream opened", {{"request_id", req.request_id}, {"user", IdToString(principal->user.id)}});
  live::StreamReader reader;
  reader.user = principal->user.id;
  reader.role = principal->user.role;
  reader.credential = principal->credential_id;
  d.stream->Attach(conn, reader, req.Query("last_event_id"));
  const bool bearer = principal->kind == identity::CredentialKind::kToken;  // else the session cookie
  asio::co_spawn(conn->ws.get_executor(),
                 StreamRecheck(conn, std::string(bearer ? req.authorization.substr(7) : req.Cookie("agora_session")), bearer,
                               *principal),
                 asio::detached);
  co_await StreamReadLoop(conn);  // writes run beside it, started by each queued frame
  conn->recheck.cancel();
  d.stream->Detach(conn.get());
  log::Info("stream closed", {{"request_id", req.request_id}, {"slow", conn->overflowed}});
}

// A stream is authenticated when it opens. Changes made through this server close it at
// once (live/stream_hub.h, Disconnect); its credential is also checked again every
// http.stream_recheck_seconds, so a sign-out, a revoked token, an expired session or a role
// change made by another process (the command line) closes it within that time.

awaitable<void> Server::Impl::StreamRecheck(std::shared_ptr<WsConnection> conn, std::string credential, bool bearer,
                                            identity::Principal opened) {
  for (;;) {
    conn->recheck.expires_after(std::chrono::seconds(d.config.stream_recheck_seconds));
    auto [ec] = co_await conn->recheck.async_wait(kTuple);
    if (ec || conn->closing) co_return;
    auto now = bearer ? d.identity.AuthenticateBearer(credential) : d.identity.AuthenticateSession(credential);
    if (!now || now->user.id != opened.user.id || now->user.role != opened.user.role) {
      log::Info("stream closed: its credential changed", {{"user", IdToString(opened.user.id)}});
      conn->StartClosing();
      co_return;
    }
  }
}

awaitable<void> Server::Impl::StreamReadLoop(std::shared_ptr<WsConnection> conn) {
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await conn->ws.async_read(buffer, kTuple);
    if (ec) break;
    if (auto reply = d.stream->OnMessage(conn.get(), beast::buffers_to_string(buffer.data()))) conn->Send(std::move(*reply));
    buffer.consume(buffer.size());
  }
  conn->StartClosing();
}

awaitable<void> Server::Impl::Session(tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  boost::system::error_code ec;
  stream.socket().set_option(tcp::no_delay(true), ec);
  auto remote = stream.socket().remote_endpoint(ec);
  std::string peer_ip = ec ? std::string() : remote.address().to_string();
  const auto& cfg = d.config;
  if (!connections.Open(peer_ip)) {
    // One address holds its share of the server's file descriptors already: answer at once
    // and close, so that the client learns why rather than timing out.
    Error error = Error::RateLimited(5);
    error.message = "too many open connections from your address";
    const std::string request_id = request_id_prefix + "-" + std::to_string(++request_counter);
    co_await WriteError(stream, error, request_id);
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    co_return;
  }
  struct CountedConnection {
    ConnectionLimiter& limiter;
    std::string ip;
    ~CountedConnection() { limiter.Close(ip); }
  } counted{connections, peer_ip};
  beast::flat_buffer buffer;
  std::string head;
  bool first = true;
  bool unread_body = false;  // the last response refused a body still on its way

  for (;;) {
    // Wait for the first byte of a request (idle keep-alive time), then give the whole
    // header and body the read timeout: a client trickling bytes cannot hold the connection.
    if (buffer.size() == 0) {
      stream.expires_after(std::chrono::seconds(first ? cfg.read_timeout_seconds : cfg.idle_timeout_seconds));
      auto [rec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
      if (rec || draining) break;
      buffer.commit(n);
    }
    first = false;
    std::int64_t started = NowNanos();
    std::string request_id = request_id_prefix + "-" + std::to_string(++request_counter);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
    parser.body_limit(boost::none);  // checked per route below, once the route is known
    stream.expires_after(std::chrono::seconds(cfg.read_timeout_seconds));
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
    if (hec) {
      // GCC 12 miscompiles temporaries with destructors inside a co_await expression: the
      // error is built as a named local first, here and below.
      Error error{ErrorCode::kHeaderTooLarge, "request header fields too large", {}, 0};
      bool answer = hec == bhttp::error::header_limit;
      if (!answer && hec != beast::error::timeout && hec != bhttp::error::end_of_stream && hec != asio::error::eof &&
          hec != asio::error::connection_reset && hec != asio::error::operation_aborted) {
        error = Error::Malformed("the request is not valid HTTP/1.1: " + hec.message());
        answer = true;
      }
      if (answer) co_await WriteError(stream, error, request_id);
      break;
    }
    auto& msg = parser.get();
    {
      RequestHead head;
      head.version = msg.version();
      head.host_fields = msg.count(bhttp::field::host);
      head.bytes = msg.method_string().size() + msg.target().size() + 12;  // request line
      for (const auto& field : msg) {
        head.bytes += field.name_string().size() + field.value().size() + 4;
        if (field.name() == bhttp::field::transfer_encoding) head.transfer_codings.push_back(Sv(field.value()));
      }
      if (auto refused = CheckRequestHead(head, cfg.max_header_bytes)) {
        co_await WriteError(stream, *refused, request_id);
        unread_body = true;  // whatever body follows is not read: linger so the answer arrives
        break;
      }
    }
    in_flight.fetch_add(1);
    Request req;
    req.method = ParseMethod(Sv(msg.method_string()));
    req.target = Sv(msg.target());
    auto q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string_view::npos) req.query = req.target.substr(q + 1);
    req.content_type = Sv(msg[bhttp::field::content_type]);
    req.authorization = Sv(msg[bhttp::field::authorization]);
    req.cookie = Sv(msg[bhttp::field::cookie]);
    req.csrf_token = Sv(msg["X-CSRF-Token"]);
    req.if_none_match = Sv(msg[bhttp::field::if_none_match]);
    req.if_modified_since = Sv(msg[bhttp::field::if_modified_since]);
    req.if_match = Sv(msg[bhttp::field::if_match]);
    req.user_agent = Sv(msg[bhttp::field::user_agent]);
    req.idempotency_key = Sv(msg["Idempotency-Key"]);
    req.accept_language = Sv(msg[bhttp::field::accept_language]);
    req.accept_encoding = Sv(msg[bhttp::field::accept_encoding]);
    req.range = Sv(msg[bhttp::field::range]);
    req.if_range = Sv(msg[bhttp::field::if_range]);
    auto incoming_id = Sv(msg["X-Request-Id"]);
    if (ValidRequestId(incoming_id)) request_id = std::string(incoming_id);
    req.client_ip = peer_ip;
    if (cfg.trust_proxy) {
      auto xff = Sv(msg["X-Forwarded-For"]);
      if (!xff.empty()) {
        auto last = xff.substr(xff.rfind(',') == std::string_view::npos ? 0 : xff.rfind(',') + 1);
        while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
        req.client_ip = std::string(last.substr(0, 64));
      }
    }
    req.request_id = request_id;

    if (d.stream && req.path == "/api/v1/stream" && websocket::is_upgrade(msg)) {
      in_flight.fetch_sub(1);  // a stream is not a request in flight: draining does not wait for it
      co_await Stream(stream, msg, req);
      co_return;  // the WebSocket had the connection until it closed
    }

    Response res;
    JobSlot job_slot;
    std::optional<identity::Principal> principal;  // outlives the handler: the access log reads it
    size_t slot = d.metrics.UnmatchedSlot();
    bool close_after = false;
    RouteMatch match;
    if (req.path.empty() || req.path.front() != '/') {
      res = Problem(Error::Malformed("the request target must be an absolute path"));
      close_after = true;
    } else {
      match = d.router.Match(req.method, req.path);
      std::int64_t limit = match.route && match.route->options.max_body_bytes ? match.route->options.max_body_bytes
                                                                                : cfg.max_body_bytes;
      auto length = parser.content_length();
      std::optional<Response> refused;
      if (length && *length > static_cast<std::uint64_t>(limit)) {
        refused = Problem({ErrorCode::kTooLarge, "the request body is larger than " + std::to_string(limit) + " bytes", {}, 0});
      } else {
        // Everything that can refuse a request without its body does so before the body is
        // read: a client sending photo after photo past its limits costs no more than a header.
        try {
          refused = Admit(req, match, slot, principal, job_slot);
        } catch (const std::exception& e) {
          refused = Failure(e, request_id);
        }
      }
      if (refused) {
        res = std::move(*refused);
        close_after = !parser.is_done();  // an unread body: the connection cannot be reused
      } else if (!parser.is_done()) {
        parser.body_limit(static_cast<std::uint64_t>(limit));
        if (beast::iequals(msg[bhttp::field::expect], "100-continue")) {
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          co_await asio::async_write(stream, asio::buffer(kContinue.data(), kContinue.size()), kTuple);
        }
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        if (bec == bhttp::error::body_limit) {
          res = Problem({ErrorCode::kTooLarge, "the request body is larger than " + std::to_string(limit) + " bytes", {}, 0});
          close_after = true;
        } else if (bec) {
          in_flight.fetch_sub(1);
          if (bec != beast::error::timeout && bec != asio::error::eof && bec != bhttp::error::partial_message) {
            Error error = Error::Malformed("the request body could not be read: " + bec.message());
            co_await WriteError(stream, error, request_id);
          }
          break;
        }
      }
      if (!refused && !close_after) {
        req.body = std::move(msg.body());
        try {
          res = co_await Run(*match.route, req);
        } catch (const std::exception& e) {
          res = Failure(e, request_id);
        }
        job_slot.Release();
      }
    }

    // Conditional GET for what handlers answer (API JSON, Atom feeds, public pages): clients
    // revalidate cheaply with If-None-Match, or with If-Modified-Since when the handler says
    // when it last changed (If-None-Match wins when both come, RFC 9110 13.2.2).
    // (A handler that made its ETag once, with the body, has set it already.)
    if ((req.method == Method::kGet || req.method == Method::kHead) && res.status == 200 &&
        (Revalidated(res.content_type) || res.file) && slot != d.metrics.StaticSlot()) {
      auto header = [&res](std::string_view name) -> const std::string* {
        for (const auto& h : res.headers)
          if (h.first == name) return &h.second;
        return nullptr;
      };
      bool unchanged = false;
      if (const std::string* made = header("ETag")) {
        unchanged = IfNoneMatchHolds(req.if_none_match, *made);
      } else {
        auto etag = WeakEtag(res.Bytes());
        unchanged = IfNoneMatchHolds(req.if_none_match, etag);
        res.headers.emplace_back("ETag", std::move(etag));
      }
      if (req.if_none_match.empty() && !req.if_modified_since.empty())
        if (const std::string* last = header("Last-Modified")) {
          auto since = ParseHttpDate(req.if_modified_since);
          auto changed = ParseHttpDate(*last);
          unchanged = since && changed && *changed <= *since;
        }
      if (unchanged) {
        res.status = 304;
        res.body.clear();
        res.shared_body.reset();
        res.file.reset();
      }
    }
    if (req.method == Method::kGet) ApplyRange(req.range, req.if_range, res);
    else if (res.file) res.headers.emplace_back("Accept-Ranges", "bytes");
    bool keep_alive = msg.keep_alive() && !close_after && !draining;
    WriteHead(head, res, keep_alive, request_id);
    stream.expires_after(std::chrono::seconds(cfg.read_timeout_seconds));
    const std::string_view bytes = res.file ? std::string_view() : res.Bytes();
    const std::uint64_t body_bytes = req.method == Method::kHead ? 0 : res.Length();
    std::array<asio::const_buffer, 2> bufs{asio::buffer(head), asio::buffer(bytes.data(), res.file ? 0 : body_bytes)};
    // Recorded before the write: a client that has its response must find it counted.
    auto elapsed = static_cast<std::uint64_t>(NowNanos() - started);
    d.metrics.Observe(slot, res.status, elapsed);
    auto [wec, wn] = co_await asio::async_write(stream, bufs, kTuple);
    if (!wec && res.file && body_bytes > 0) wec = co_await SendFile(stream, *res.file, res.file_first, body_bytes);
    in_flight.fetch_sub(1);
    if (cfg.access_log && log::Enabled(log::Level::kInfo)) {
      log::Info("request", {{"request_id", request_id},
                            {"method", MethodName(req.method)},
                            {"path", d.router.LoggedPath(match.route, req.path)},
                            {"status", res.status},
                            {"bytes", static_cast<std::int64_t>(body_bytes)},
                            {"duration_ms", static_cast<double>(elapsed) / 1e6},
                            {"ip", req.client_ip},
                            {"user", req.principal ? IdToString(req.principal->user.id) : std::string()}});
    }
    if (wec || !keep_alive) {
      unread_body = close_after && !wec;
      break;
    }
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (unread_body) co_await DiscardUnreadBody(stream);
}

}  // namespace agora::http
