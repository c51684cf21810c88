#include "store/dialect.h"

#include <regex>

namespace agora::store::dialect {

namespace {

// SQLite's full-text table over names, as its one query shape (modules/people/store.cpp).
// The GIN index finds candidates by word prefixes; agora_words_start_with keeps exactly the
// names SQLite's tokenizer would have matched.
std::string NameMatches(std::string sql) {
  static const std::regex kNameMatch(
      R"(SELECT (?:rowid AS id|rowid|1) FROM people_names WHERE people_names MATCH (\?[0-9]*))");
  return std::regex_replace(sql, kNameMatch,
                            "SELECT id FROM users WHERE to_tsvector('simple', display_name) @@ agora_name_tsquery($1)"
                            " AND agora_words_start_with(display_name, agora_name_words($1))");
}

// SQLite reads "a CROSS JOIN b ON ..." as a join it must not reorder (a hint to its
// planner); PostgreSQL knows CROSS JOIN only without a condition.
std::string CrossJoins(std::string sql) {
  static const std::regex kCrossJoinOn(R"(CROSS JOIN ([A-Za-z_]+(?: [A-Za-z_]+)?) ON )");
  return std::regex_replace(sql, kCrossJoinOn, "JOIN $1 ON ");
}

bool WordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

Translated ForPostgres(std::string_view sqlite_sql) {
  std::string in = sqlite_sql.find("people_names") != std::string_view::npos ? NameMatches(std::string(sqlite_sql))
                                                                              : std::string(sqlite_sql);
  if (in.find("CROSS JOIN") != std::string::npos) in = CrossJoins(std::move(in));
  Translated out;
  out.sql.reserve(in.size() + 16);
  int highest = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '\'' || c == '"') {  // a literal or a quoted name: copied as it is
      size_t end = i + 1;
      while (end < in.size()) {
        if (in[end] == c) {
          if (end + 1 < in.size() && in[end + 1] == c) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      out.sql.append(in, i, end - i + 1);
      i = end;
      continue;
    }
    if (c == '-' && i + 1 < in.size() && in[i + 1] == '-') {  // a comment, to the end of the line
      size_t end = in.find('\n', i);
      if (end == std::string::npos) end = in.size();
      out.sql.append(in, i, end - i);
      i = end - 1;
      continue;
    }
    if (c == '?') {
      size_t j = i + 1;
      int n = 0;
      while (j < in.size() && in[j] >= '0' && in[j] <= '9') n = n * 10 + (in[j++] - '0');
      if (j == i + 1) n = highest + 1;  // a bare ? takes the next number, as in SQLite
      highest = std::max(highest, n);
      if (n > 0) {
        if (out.used.size() < static_cast<size_t>(n)) out.used.resize(static_cast<size_t>(n));
        out.used[static_cast<size_t>(n - 1)] = true;
      }
      out.sql += '$';
      out.sql += std::to_string(n);
      i = j - 1;
      continue;
    }
    if ((c == 'L' || c == 'l') && in.compare(i, 4, "LIKE") == 0 && (i == 0 || !WordChar(in[i - 1])) &&
        (i + 4 >= in.size() || !WordChar(in[i + 4]))) {
      out.sql += "ILIKE";
      i += 3;
      continue;
    }
    out.sql += c;
  }
  out.parameters = highest;
  out.used.resize(static_cast<size_t>(highest));
  return out;
}

}  // namespace agora::store::dialect
