// The search box's query language, as people know it from other search engines:
//
//   kubernetes upgrade     both words (in any inflected form of the reader's languages)
//   "exact phrase"         the words in this order
//   -word  NOT word        without it;   a OR b   either
//   kube*                  words starting so
//   from:@ana  from:ana    written by this person (a handle)
//   in:platform            in this community (a handle)
//   tag:go                 carrying this hashtag
//   kind:topic             only this kind (person, post, comment, community, topic; plurals too)
//   after:2026-01-31  before:2026-03-01   written on or after / before a day (UTC)
//
// The operators with a colon are taken out here and become filters; the rest is handed to
// the index (search/index.h), which reads quotes, -, OR and * itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agora::find {

struct ParsedQuery {
  std::string text;  // the words, phrases and operators left for the index
  std::vector<std::string> from, in, tags, kinds;
  std::optional<std::int64_t> after, before;  // unix ms
};

// The kind a word of the query language names ("people" -> "person"), or nullopt.
std::optional<std::string> KindNamed(std::string_view word);
// A day (2026-01-31) or an RFC 3339 time as unix ms; nullopt when it is neither.
std::optional<std::int64_t> ParseDay(std::string_view text);

// 422 naming `field` for an unknown kind or a date that is not one.
Result<ParsedQuery> ParseQuery(std::string_view q, std::string_view field = "q");

}  // namespace agora::find
