#include "core/json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace agora::json {

Result<boost::json::object> ParseObject(std::string_view body) {
  boost::json::parse_options opts;
  opts.max_depth = 32;
  opts.allow_invalid_utf8 = false;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(body, ec, {}, opts);
  if (ec) return Error::Malformed("request body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::Malformed("request body must be a JSON object");
  return std::move(v.as_object());
}

Result<std::string> RequiredString(const boost::json::object& o, std::string_view field) {
  auto* v = o.if_contains(field);
  if (!v || v->is_null()) return Error::Invalid(std::string(field), std::string(field) + " is required");
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
