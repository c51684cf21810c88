#include "store/dialect.h"

#include <string>

namespace agora::store::dialect {

namespace {

bool WordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Replaces every `from` whose next token is a parameter (?N or ?) by `to` with each "$P" in
// it standing for that parameter. (Hand-written: GCC 12's <regex> does not build warning-free
// under the sanitizers, and these two patterns need no regular expressions.)
std::string ReplaceBeforeParameter(std::string sql, std::string_view from, std::string_view to) {
  for (size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at)) {
    size_t p = at + from.size();
    if (p >= sql.size() || sql[p] != '?') {
      at = p;
      continue;
    }
    size_t end = p + 1;
    while (end < sql.size() && sql[end] >= '0' && sql[end] <= '9') ++end;
    const std::string parameter = sql.substr(p, end - p);
    std::string replacement(to);
    for (size_t k = replacement.find("$P"); k != std::string::npos; k = replacement.find("$P", k + parameter.size()))
      replacement.replace(k, 2, parameter);
    sql.replace(at, end - at, replacement);
    at += replacement.size();
  }
  return sql;
}

// SQLite's full-text table over names, as its one query shape (modules/people/store.cpp).
// The GIN index finds candidates by word prefixes; agora_words_start_with keeps exactly the
// names SQLite's tokenizer would have matched.
std::string NameMatches(std::string sql) {
  constexpr std::string_view kPostgres =
      "SELECT id FROM users WHERE to_tsvector('simple', name_words) @@ agora_name_tsquery($P)"
      " AND agora_words_start_with(name_words, agora_name_words($P))";
  for (std::string_view selected : {"rowid AS id", "rowid", "1"})
    sql = ReplaceBeforeParameter(std::move(sql),
                                 "SELECT " + std::string(selected) + " FROM people_names WHERE people_names MATCH ", kPostgres);
  return sql;
}

// SQLite reads "a CROSS JOIN b ON ..." as a join it must not reorder (a hint to its
// planner); PostgreSQL knows CROSS JOIN only without a condition.
std::string CrossJoins(std::string sql) {
  constexpr std::string_view kCross = "CROSS JOIN ";
  for (size_t at = sql.find(kCross); at != std::string::npos; at = sql.find(kCross, at + 1)) {
    size_t p = at + kCross.size();
    int words = 0;
    while (words < 3) {  // "table ON" or "table alias ON"
      size_t end = p;
      while (end < sql.size() && WordChar(sql[end])) ++end;
      if (end == p) break;
      if (sql.compare(p, end - p, "ON") == 0) {
        if (words > 0) sql.erase(at, 6);  // "CROSS "
        break;
      }
      ++words;
      p = end;
      if (p < sql.size() && sql[p] == ' ') ++p;
    }
  }
  return sql;
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
    if (c == 'g' && in.compare(i, 13, "group_concat(") == 0 && (i == 0 || !WordChar(in[i - 1]))) {
      out.sql += "string_agg(";  // with its separator: group_concat(x, ',') is string_agg(x, ',')
      i += 12;
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
