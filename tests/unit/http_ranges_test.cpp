// Byte ranges of downloads (http/ranges.h): which Range headers are served as one range,
// which get the whole file, which are past the end; and If-Range.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/open_file.h"
#include "http/ranges.h"
#include "http/request.h"

namespace agora::http {
namespace {

RangeAsk Ask(std::string_view header, std::uint64_t size, ByteRange& r) { return ReadRange(header, size, r); }

TEST(ReadRange, OneRangeInEachForm) {
  ByteRange r;
  ASSERT_EQ(Ask("bytes=0-99", 1000, r), RangeAsk::kRange);
  EXPECT_EQ(r.first, 0u);
  EXPECT_EQ(r.length, 100u);
  ASSERT_EQ(Ask("bytes=900-", 1000, r), RangeAsk::kRange);
  EXPECT_EQ(r.first, 900u);
  EXPECT_EQ(r.length, 100u);
  ASSERT_EQ(Ask("bytes=-10", 1000, r), RangeAsk::kRange);  // the last ten
  EXPECT_EQ(r.first, 990u);
  EXPECT_EQ(r.length, 10u);
  ASSERT_EQ(Ask("bytes=-5000", 1000, r), RangeAsk::kRange);  // more than there is: all of it
  EXPECT_EQ(r.first, 0u);
  EXPECT_EQ(r.length, 1000u);
  ASSERT_EQ(Ask("bytes=990-5000", 1000, r), RangeAsk::kRange);  // past the end: up to it
  EXPECT_EQ(r.first, 990u);
  EXPECT_EQ(r.length, 10u);
  ASSERT_EQ(Ask(" Bytes=5-5 ", 1000, r), RangeAsk::kRange);
  EXPECT_EQ(r.first, 5u);
  EXPECT_EQ(r.length, 1u);
}

TEST(ReadRange, WholeFileForWhatItDoesNotServe) {
  ByteRange r;
  EXPECT_EQ(Ask("", 1000, r), RangeAsk::kWhole);
  EXPECT_EQ(Ask("bytes=0-1,5-9", 1000, r), RangeAsk::kWhole);  // several
  EXPECT_EQ(Ask("items=0-1", 1000, r), RangeAsk::kWhole);      // another unit
  EXPECT_EQ(Ask("bytes=9-5", 1000, r), RangeAsk::kWhole);      // backwards: not valid
  EXPECT_EQ(Ask("bytes=a-5", 1000, r), RangeAsk::kWhole);
  EXPECT_EQ(Ask("bytes=5-x", 1000, r), RangeAsk::kWhole);
  EXPECT_EQ(Ask("bytes=5", 1000, r), RangeAsk::kWhole);
  EXPECT_EQ(Ask("bytes=-", 1000, r), RangeAsk::kWhole);
}

TEST(ReadRange, PastTheEndIsUnsatisfiable) {
  ByteRange r;
  EXPECT_EQ(Ask("bytes=1000-", 1000, r), RangeAsk::kUnsatisfiable);
  EXPECT_EQ(Ask("bytes=2000-3000", 1000, r), RangeAsk::kUnsatisfiable);
  EXPECT_EQ(Ask("bytes=-0", 1000, r), RangeAsk::kUnsatisfiable);
}

class ApplyRangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() / ("agora-range-" + std::to_string(::getpid()))).string();
    std::ofstream(path_, std::ios::binary) << std::string(1000, 'x');
  }
  void TearDown() override { std::filesystem::remove(path_); }
  Response FileAnswer() {
    Response r;
    r.file = OpenFile::Open(path_);
    r.file_length = r.file->size();
    r.headers.emplace_back("ETag", "\"abc\"");
    return r;
  }
  static const std::string* Header(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return &v;
    return nullptr;
  }
  std::string path_;
};

TEST_F(ApplyRangeTest, ServesTheRangeOrTheWhole) {
  auto r = FileAnswer();
  ApplyRange("bytes=100-199", "", r);
  EXPECT_EQ(r.status, 206);
  EXPECT_EQ(r.file_first, 100u);
  EXPECT_EQ(r.Length(), 100u);
  ASSERT_NE(Header(r, "Content-Range"), nullptr);
  EXPECT_EQ(*Header(r, "Content-Range"), "bytes 100-199/1000");
  EXPECT_EQ(*Header(r, "Accept-Ranges"), "bytes");

  auto whole = FileAnswer();
  ApplyRange("", "", whole);
  EXPECT_EQ(whole.status, 200);
  EXPECT_EQ(whole.Length(), 1000u);
  EXPECT_EQ(Header(whole, "Content-Range"), nullptr);
  EXPECT_EQ(*Header(whole, "Accept-Ranges"), "bytes");
}

TEST_F(ApplyRangeTest, IfRangeMustNameTheETag) {
  auto same = FileAnswer();
  ApplyRange("bytes=0-9", "\"abc\"", same);
  EXPECT_EQ(same.status, 206);
  auto changed = FileAnswer();
  ApplyRange("bytes=0-9", "\"other\"", changed);
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.Length(), 1000u);
  auto dated = FileAnswer();  // a date: no Last-Modified here to hold it against
  ApplyRange("bytes=0-9", "Wed, 21 Oct 2015 07:28:00 GMT", dated);
  EXPECT_EQ(dated.status, 200);
}

TEST_F(ApplyRangeTest, PastTheEndIsAProblemSayingTheSize) {
  auto r = FileAnswer();
  ApplyRange("bytes=5000-", "", r);
  EXPECT_EQ(r.status, 416);
  EXPECT_EQ(r.file, nullptr);
  EXPECT_EQ(r.content_type, "application/problem+json");
  EXPECT_NE(r.body.find("/problems/range-not-satisfiable"), std::string::npos);
  ASSERT_NE(Header(r, "Content-Range"), nullptr);
  EXPECT_EQ(*Header(r, "Content-Range"), "bytes */1000");
}

TEST_F(ApplyRangeTest, OnlyFileAnswersAreNarrowed) {
  Response json;
  json.body = "{}";
  ApplyRange("bytes=0-0", "", json);
  EXPECT_EQ(json.status, 200);
  EXPECT_EQ(json.Length(), 2u);
  EXPECT_EQ(Header(json, "Accept-Ranges"), nullptr);
}

TEST(OpenFile, ReadsPiecesAndKeepsAFileRemovedMeanwhile) {
  const auto path = (std::filesystem::temp_directory_path() / ("agora-open-" + std::to_string(::getpid()))).string();
  std::ofstream(path, std::ios::binary) << "0123456789";
  auto f = OpenFile::Open(path);
  ASSERT_NE(f, nullptr);
  std::filesystem::remove(path);  // still read whole: the descriptor holds it
  EXPECT_EQ(f->size(), 10u);
  char buf[4];
  ASSERT_EQ(f->ReadAt(3, buf), 4);
  EXPECT_EQ(std::string(buf, 4), "3456");
  ASSERT_EQ(f->ReadAt(8, buf), 2);
  EXPECT_EQ(f->ReadAt(10, buf), 0);
  EXPECT_EQ(OpenFile::Open(path), nullptr);
  EXPECT_EQ(OpenFile::Open(std::filesystem::temp_directory_path().string()), nullptr);  // a directory
}

}  // namespace
}  // namespace agora::http
