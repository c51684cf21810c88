#include "core/json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace agora::json {
namespace {

// Control characters other than tab, line feed and carriage return: C0, DEL and C1. JSON can
// only carry them escaped ("\u0000"); no text a person writes contains them.
bool HasControl(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

// A first pass over the body with Boost.JSON's push parser, for what the DOM parser cannot
// report: a key given twice in one object (the DOM keeps one of them silently, so a client
// and we could read different values) and control characters in keys and strings. It
// remembers the first problem with the path of the field it is in ("people[2]", "a.b").
class Inspector {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  std::optional<Error> problem;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) { return Open(true); }
  bool on_object_end(std::size_t, boost::system::error_code&) { return Close(); }
  bool on_array_begin(boost::system::error_code&) { return Open(false); }
  bool on_array_end(std::size_t, boost::system::error_code&) { return Close(); }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    part_.append(s.data(), s.size());
    Level& level = levels_.back();
    std::string key = std::move(part_);
    part_.clear();
    if (HasControl(key)) Report(Error::Invalid(Path(), "a field name contains control characters"));
    for (const auto& k : level.keys)
      if (k == key) {
        level.key = key;
        Report(Error::Invalid(Path(), "the field " + key + " appears twice"));
      }
    level.keys.push_back(key);
    level.key = std::move(key);
    return true;
  }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    part_.append(s.data(), s.size());
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::system::error_code&) {
    part_.append(s.data(), s.size());
    if (HasControl(part_)) Report(Error::Invalid(Path(), Path() + " must not contain control characters"));
    part_.clear();
    return Value();
  }
  bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code&) { return Value(); }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code&) { return Value(); }
  bool on_double(double, boost::json::string_view, boost::system::error_code&) { return Value(); }
  bool on_bool(bool, boost::system::error_code&) { return Value(); }
  bool on_null(boost::system::error_code&) { return Value(); }
  bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
  struct Level {
    bool object;
    std::vector<std::string> keys;  // objects of requests are small: a list beats a set
    std::string key;                 // the current key (objects)
    size_t index = 0;                // the current element (arrays)
  };
  bool Open(bool object) {
    levels_.push_back(Level{object, {}, {}, 0});
    return true;
  }
  bool Close() {
    levels_.pop_back();
    return Value();
  }
  // A value ended: the enclosing array moves to its next element.
  bool Value() {
    if (!levels_.empty() && !levels_.back().object) ++levels_.back().index;
    return true;
  }
  std::string Path() const {
    std::string out;
    for (const auto& l : levels_) {
      if (l.object) {
        if (!out.empty()) out += ".";
        out += l.key;
      } else {
        out += "[" + std::to_string(l.index) + "]";
      }
    }
    return out;
  }
  void Report(Error e) {
    if (!problem) problem = std::move(e);
  }
  std::vector<Level> levels_;
  std::string part_;
};

}  // namespace

Result<boost::json::object> ParseObject(std::string_view body) {
  boost::json::parse_options opts;
  opts.max_depth = 32;
  opts.allow_invalid_utf8 = false;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec, {}, opts);
  if (ec) return Error::Malformed("request body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::Malformed("request body must be a JSON object");
  boost::json::basic_parser<Inspector> inspector(opts);
  inspector.write_some(false, body.data(), body.size(), ec);
  if (ec) return Error::Malformed("request body is not valid JSON: " + ec.message());
  if (inspector.handler().problem) return *inspector.handler().problem;
  return std::move(v.as_object());
}

Result<std::string> RequiredString(const boost::json::object& o, std::string_view field) {
  auto* v = o.if_contains(field);
  if (!v || v->is_null()) return Error::Required(std::string(field));
  if (!v->is_string()) return Error::Invalid(std::string(field), std::string(field) + " must be a string");
  return std::string(v->as_string());
}

Result<std::optional<std::string>> OptionalString(const boost::json::object& o, std::string_view field) {
  auto* v = o.if_contains(field);
  if (!v) return std::optional<std::string>{};
  if (!v->is_string()) return Error::Invalid(std::string(field), std::string(field) + " must be a string");
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<std::optional<bool>> OptionalBool(const boost::json::object& o, std::string_view field) {
  auto* v = o.if_contains(field);
  if (!v) return std::optional<bool>{};
  if (!v->is_bool()) return Error::Invalid(std::string(field), std::string(field) + " must be true or false");
  return std::optional<bool>(v->as_bool());
}

Result<std::optional<std::vector<std::string>>> OptionalStrings(const boost::json::object& o, std::string_view field, size_t max) {
  auto* v = o.if_contains(field);
  if (!v) return std::optional<std::vector<std::string>>{};
  if (!v->is_array()) return Error::Invalid(std::string(field), std::string(field) + " must be an array of strings");
  const auto& a = v->as_array();
  if (a.size() > max) return Error::Invalid(std::string(field), "at most " + std::to_string(max) + " in " + std::string(field));
  std::vector<std::string> out;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string name = std::string(field) + "[" + std::to_string(i) + "]";
    if (!a[i].is_string()) return Error::Invalid(name, name + " must be a string");
    out.emplace_back(a[i].as_string());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}

Status OnlyKeys(const boost::json::object& o, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : o) {
    bool known = false;
    for (auto a : allowed) known = known || kv.key() == a;
    if (!known) return Error::Invalid(std::string(kv.key()), "unknown field " + std::string(kv.key()));
  }
  return OkStatus();
}

std::string Serialize(const boost::json::value& v) { return boost::json::serialize(v); }

}  // namespace agora::json
