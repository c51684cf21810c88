// Text rules shared by every module: UTF-8 validity, trimming, e-mail shape and the
// case-folded key that makes e-mail addresses unique case-insensitively, handle slugs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace agora::text {

bool IsValidUtf8(std::string_view s);
// Number of Unicode code points (s must be valid UTF-8).
size_t CodePoints(std::string_view s);
std::string_view Trim(std::string_view s);
std::string AsciiLower(std::string_view s);
// Lower-cases every letter (Å -> å, Д -> д) with glibc's C.UTF-8 case tables; falls back
// to ASCII when that locale is missing. `s` must be valid UTF-8.
std::string Lower(std::string_view s);
// A deliberately permissive check: one '@', non-empty local part, a dot in the domain, no
// spaces or control characters, at most 254 bytes. Real validation is delivering mail.
bool LooksLikeEmail(std::string_view s);
// The key that makes e-mail unique: trimmed and ASCII lower-cased.
std::string EmailKey(std::string_view email);
// A handle candidate from an e-mail local part: [a-z0-9_.-], 3..30 characters, never digits
// alone ("1234@..." gives "u1234"): see ReadsAsId.
std::string HandleFromEmail(std::string_view email);
// True for a handle that routes would read as an id (digits alone): handles must not be.
bool ReadsAsId(std::string_view handle);
// UTF-8 <-> code points, for code that works letter by letter (stemmers). `s` must be valid
// UTF-8 (IsValidUtf8).
std::u32string Utf32(std::string_view s);
std::string Utf8(std::u32string_view s);
// The words of `s`, case-folded, as code points: runs of letters and digits, as SQLite's
// unicode61 tokenizer splits them (so a name's words here are its full-text tokens).
std::vector<std::u32string> FoldedWords(std::string_view s);
// True when every one of `prefixes` (FoldedWords of a query) starts some word of `text`:
// "an be" matches "Anders Berg". Allocates nothing; for checking many names in a row.
bool WordsStartWith(std::string_view text, const std::vector<std::u32string>& prefixes);
// True when text has control characters other than tab/newline, or bidirectional formatting
// characters that reorder how it displays (names and titles must not).
bool HasControlCharacters(std::string_view s);
// `s` on one line (runs of white space become one space) cut to at most `max_points` code
// points, never inside a character, with "…" when something was cut.
std::string Excerpt(std::string_view s, size_t max_points);

// `s` safe inside HTML text and quoted attributes (& < > " ').
std::string HtmlEscape(std::string_view s);

}  // namespace agora::text
