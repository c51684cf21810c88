#include "core/csv.h"

#include <csv.h>

#include <algorithm>

namespace agora::csv {
namespace {

struct State {
  std::vector<Record> records;
  Record current;
  int newlines_in_fields = 0;
  int line = 1;  // line of the chunk being fed
};

void OnField(void* data, size_t len, void* user) {
  auto* s = static_cast<State*>(user);
  std::string field(static_cast<const char*>(data), len);
  s->newlines_in_fields += static_cast<int>(std::count(field.begin(), field.end(), '\n'));
  s->current.fields.push_back(std::move(field));
}

void OnRecord(int, void* user) {
  auto* s = static_cast<State*>(user);
  s->current.line = s->line - s->newlines_in_fields;
  s->records.push_back(std::move(s->current));
  s->current = Record{};
  s->newlines_in_fields = 0;
}

}  // namespace

char DetectDelimiter(std::string_view text) {
  // The header line, outside quotes: whichever of , ; and tab it has most of.
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : text.substr(0, text.find('\n'))) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

Result<std::vector<Record>> Parse(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) return Error::Internal("csv_init failed");
  csv_set_delim(&parser, static_cast<unsigned char>(DetectDelimiter(text)));
  State state;
  // Fed line by line so that a record's line number is known when it ends.
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    size_t len = (end == std::string_view::npos ? text.size() : end + 1) - pos;
    if (csv_parse(&parser, text.data() + pos, len, OnField, OnRecord, &state) != len) {
      int line = state.line;
      csv_free(&parser);
      return Error{ErrorCode::kMalformed, "line " + std::to_string(line) + ": the CSV is malformed (a quote is not closed, or text follows a closing quote)", "file", 0};
    }
    pos += len;
    ++state.line;
  }
  --state.line;
  if (csv_fini(&parser, OnField, OnRecord, &state) != 0) {
    csv_free(&parser);
    return Error{ErrorCode::kMalformed, "the CSV ends inside a quoted field", "file", 0};
  }
  csv_free(&parser);
  return std::move(state.records);
}

}  // namespace agora::csv
