// CSV (RFC 4180) reading through libcsv: quoted fields, embedded commas, quotes and
// newlines. Each record carries the line it starts on, for error reports people can act on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace agora::csv {

struct Record {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// Parses the whole text (a UTF-8 byte-order mark is skipped), its fields separated as its
// header line shows: spreadsheets save "CSV" with their locale's list separator (Excel in
// Swedish, German or Russian writes ';'), and some export tabs. kMalformed with the line for
// a quote that is never closed or stray characters after a closing quote.
Result<std::vector<Record>> Parse(std::string_view text);
// ',', ';' or '\t': the one the first line has most of outside quotes (',' on a tie).
char DetectDelimiter(std::string_view text);

}  // namespace agora::csv
