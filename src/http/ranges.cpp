#include "http/ranges.h"

#include <charconv>
#include <string>

#include "core/text.h"
#include "http/request.h"
#include "http/response.h"

namespace agora::http {
namespace {

std::optional<std::uint64_t> Number(std::string_view s) {
  std::uint64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

RangeAsk ReadRange(std::string_view header, std::uint64_t size, ByteRange& range) {
  using text::Trim;
  header = Trim(header);
  constexpr std::string_view kUnit = "bytes=";  // the unit is case-insensitive
  if (text::AsciiLower(header.substr(0, kUnit.size())) != kUnit) return RangeAsk::kWhole;
  std::string_view spec = Trim(header.substr(kUnit.size()));
  if (spec.find(',') != std::string_view::npos) return RangeAsk::kWhole;  // several: the whole file
  auto dash = spec.find('-');
  if (dash == std::string_view::npos) return RangeAsk::kWhole;
  const std::string_view first_text = Trim(spec.substr(0, dash)), last_text = Trim(spec.substr(dash + 1));
  auto first = Number(first_text);
  auto last = Number(last_text);
  if ((!first && !first_text.empty()) || (!last && !last_text.empty())) return RangeAsk::kWhole;  // not numbers: ignored
  if (!first) {  // "-n": the last n bytes
    if (!last) return RangeAsk::kWhole;
    if (*last == 0 || size == 0) return RangeAsk::kUnsatisfiable;
    range.length = std::min(*last, size);
    range.first = size - range.length;
    return RangeAsk::kRange;
  }
  if (last && *last < *first) return RangeAsk::kWhole;  // not a valid range: ignored
  if (*first >= size) return RangeAsk::kUnsatisfiable;
  range.first = *first;
  range.length = (last ? std::min(*last, size - 1) : size - 1) - *first + 1;
  return RangeAsk::kRange;
}

void ApplyRange(std::string_view range_header, std::string_view if_range, Response& res) {
  if (!res.file || res.status != 200) return;
  res.headers.emplace_back("Accept-Ranges", "bytes");
  if (range_header.empty()) return;
  if (!if_range.empty()) {  // "send the range only if it is still this": a strong ETag match
    const std::string* etag = nullptr;
    for (const auto& [name, value] : res.headers)
      if (name == "ETag") etag = &value;
    if (!etag || etag->starts_with("W/") || text::Trim(if_range) != *etag) return;
  }
  const std::uint64_t size = res.file->size();
  ByteRange range;
  switch (ReadRange(range_header, size, range)) {
    case RangeAsk::kWhole:
      return;
    case RangeAsk::kRange:
      res.status = 206;
      res.file_first = range.first;
      res.file_length = range.length;
      res.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                    std::to_string(range.first + range.length - 1) + "/" + std::to_string(size));
      return;
    case RangeAsk::kUnsatisfiable: {
      auto headers = std::move(res.headers);
      res = Problem(Error::RangeNotSatisfiable("the range asked for begins past the file's " + std::to_string(size) + " bytes"));
      for (auto& h : headers)
        if (h.first != "Content-Disposition" && h.first != "Accept-Ranges") res.headers.push_back(std::move(h));
      res.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
      return;
    }
  }
}

}  // namespace agora::http
