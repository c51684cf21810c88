// The HTTP layer's guards that need no socket: allowed WebSocket origins, the request-head
// rules, per-address connection counting, image job admission, and log redaction.
#include <gtest/gtest.h>

#include "http/connection_limiter.h"
#include "http/framing.h"
#include "http/job_limiter.h"
#include "http/origin.h"
#include "http/response.h"
#include "http/router.h"
#include "http/static_files.h"

namespace agora::http {
namespace {

TEST(ConditionalGet, IfNoneMatchListsAndWeakComparison) {
  const std::string etag = R"(W/"00ab")";
  EXPECT_TRUE(IfNoneMatchHolds(R"(W/"00ab")", etag));
  EXPECT_TRUE(IfNoneMatchHolds(R"("00ab")", etag));  // weak comparison
  EXPECT_TRUE(IfNoneMatchHolds(R"(W/"ffff", W/"00ab")", etag));
  EXPECT_TRUE(IfNoneMatchHolds("*", etag));
  EXPECT_FALSE(IfNoneMatchHolds("", etag));
  EXPECT_FALSE(IfNoneMatchHolds(R"(W/"00ac")", etag));
  EXPECT_FALSE(IfNoneMatchHolds(R"(W/"00abc", "00a")", etag));
}

TEST(Origin, SerializesLikeBrowsers) {
  EXPECT_EQ(OriginOf("https://Agora.Example.com/intranet/"), "https://agora.example.com");
  EXPECT_EQ(OriginOf("https://agora.example.com:443"), "https://agora.example.com");
  EXPECT_EQ(OriginOf("http://agora.example.com:80/"), "http://agora.example.com");
  EXPECT_EQ(OriginOf("https://agora.example.com:8443/x"), "https://agora.example.com:8443");
  EXPECT_EQ(OriginOf("http://[::1]:8080"), "http://[::1]:8080");
  EXPECT_FALSE(OriginOf("ftp://agora.example.com"));
  EXPECT_FALSE(OriginOf("https://user@agora.example.com"));
  EXPECT_FALSE(OriginOf("agora.example.com"));
}

TEST(Origin, PolicyFollowsThePublicUrlNotTheHost) {
  OriginPolicy configured("https://agora.example.com/", "0.0.0.0", 8080);
  EXPECT_TRUE(configured.Allows("https://agora.example.com"));
  EXPECT_FALSE(configured.Allows("http://agora.example.com"));     // another scheme
  EXPECT_FALSE(configured.Allows("https://agora.example.com "));   // no trimming
  EXPECT_FALSE(configured.Allows("https://evil.example"));
  EXPECT_FALSE(configured.Allows("http://127.0.0.1:8080"));       // loopback only without public_url
  OriginPolicy local("", "127.0.0.1", 18080);
  EXPECT_TRUE(local.Allows("http://127.0.0.1:18080"));
  EXPECT_TRUE(local.Allows("http://localhost:18080"));
  EXPECT_FALSE(local.Allows("http://localhost:18081"));
  EXPECT_FALSE(local.Allows("https://127.0.0.1:18080"));
  EXPECT_FALSE(local.Allows("http://evil.example"));
}

TEST(RequestHead, NeedsExactlyOneHostInHttp11) {
  RequestHead h{.version = 11, .host_fields = 1, .transfer_codings = {}, .bytes = 100};
  EXPECT_FALSE(CheckRequestHead(h, 16384));
  h.host_fields = 0;
  ASSERT_TRUE(CheckRequestHead(h, 16384));
  EXPECT_EQ(CheckRequestHead(h, 16384)->code, ErrorCode::kMalformed);
  h.host_fields = 2;
  EXPECT_EQ(CheckRequestHead(h, 16384)->code, ErrorCode::kMalformed);
  h.version = 10;
  h.host_fields = 0;
  EXPECT_FALSE(CheckRequestHead(h, 16384));  // HTTP/1.0 may leave it out
}

TEST(RequestHead, OnlyChunkedTransferCoding) {
  RequestHead h{.version = 11, .host_fields = 1, .transfer_codings = {"chunked"}, .bytes = 100};
  EXPECT_FALSE(CheckRequestHead(h, 16384));
  h.transfer_codings = {" Chunked "};
  EXPECT_FALSE(CheckRequestHead(h, 16384));
  h.transfer_codings = {"gzip, chunked"};
  ASSERT_TRUE(CheckRequestHead(h, 16384));
  EXPECT_EQ(CheckRequestHead(h, 16384)->code, ErrorCode::kNotImplemented);
}

TEST(RequestHead, CountsAllFieldsTogether) {
  RequestHead h{.version = 11, .host_fields = 1, .transfer_codings = {}, .bytes = 16384};
  EXPECT_FALSE(CheckRequestHead(h, 16384));
  h.bytes = 16385;
  EXPECT_EQ(CheckRequestHead(h, 16384)->code, ErrorCode::kHeaderTooLarge);
}

TEST(ConnectionLimiter, CapsEachAddressSeparately) {
  ConnectionLimiter limiter(2);
  EXPECT_TRUE(limiter.Open("10.0.0.1"));
  EXPECT_TRUE(limiter.Open("10.0.0.1"));
  EXPECT_FALSE(limiter.Open("10.0.0.1"));
  EXPECT_TRUE(limiter.Open("10.0.0.2"));
  limiter.Close("10.0.0.1");
  EXPECT_EQ(limiter.OpenFrom("10.0.0.1"), 1);
  EXPECT_TRUE(limiter.Open("10.0.0.1"));
  ConnectionLimiter unlimited(0);
  for (int i = 0; i < 10000; ++i) EXPECT_TRUE(unlimited.Open("10.0.0.1"));
}

TEST(JobLimiter, PerPersonThenOverall) {
  JobLimiter limiter(2, 3);
  EXPECT_FALSE(limiter.Start(1));
  EXPECT_FALSE(limiter.Start(1));
  auto third = limiter.Start(1);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->code, ErrorCode::kRateLimited);
  EXPECT_GT(third->retry_after_seconds, 0);
  EXPECT_FALSE(limiter.Start(2));
  auto full = limiter.Start(3);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->code, ErrorCode::kUnavailable);
  EXPECT_GT(full->retry_after_seconds, 0);
  limiter.Finish(1);
  EXPECT_FALSE(limiter.Start(3));
  EXPECT_EQ(limiter.in_progress(), 3);
}

TEST(Router, LoggedPathHidesTokens) {
  Router r;
  r.Add(Method::kGet, "/api/v1/invitations/{token}", {}, [](Request&) { return Response{}; });
  r.Add(Method::kPost, "/api/v1/invitations/{token}/accept", {}, [](Request&) { return Response{}; });
  r.Add(Method::kGet, "/api/v1/people/{id}", {}, [](Request&) { return Response{}; });
  auto m = r.Match(Method::kPost, "/api/v1/invitations/s3cr3t/accept");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(r.LoggedPath(m.route, "/api/v1/invitations/s3cr3t/accept"), "/api/v1/invitations/{token}/accept");
  // Unmatched and mistyped paths are hidden too.
  EXPECT_EQ(r.LoggedPath(nullptr, "/api/v1/invitations/s3cr3t/acept"), "/api/v1/invitations/{token}/acept");
  EXPECT_EQ(r.LoggedPath(nullptr, "/api/v1/invitations/s3cr3t"), "/api/v1/invitations/{token}");
  auto p = r.Match(Method::kGet, "/api/v1/people/42");
  EXPECT_EQ(r.LoggedPath(p.route, "/api/v1/people/42"), "/api/v1/people/42");
  EXPECT_EQ(r.LoggedPath(nullptr, "/api/v1/people/42/x"), "/api/v1/people/42/x");
  // A feed token (the reader's secret in a feed's address) too.
  r.Add(Method::kGet, "/feeds/{feed_token}/blogs/{blog}", {}, [](Request&) { return Response{}; });
  auto f = r.Match(Method::kGet, "/feeds/agf_s3cr3t/blogs/platform");
  ASSERT_TRUE(f.route);
  EXPECT_EQ(r.LoggedPath(f.route, "/feeds/agf_s3cr3t/blogs/platform"), "/feeds/{feed_token}/blogs/platform");
}

// Browsers say gzip in many ways; q=0 refuses it.
TEST(StaticFiles, AcceptEncodingIsReadAsBrowsersWriteIt) {
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br, zstd"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.0"));
  EXPECT_FALSE(AcceptsGzip("x-gzip-not"));
}

}  // namespace
}  // namespace agora::http
