// Boost.JSON helpers for request bodies: parse with UTF-8 validation and a depth limit, and
// read typed fields with errors that name the field (422) rather than throwing.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include "core/result.h"

namespace agora::json {

// Parses a request body that must be a JSON object. Invalid UTF-8, trailing garbage, depth
// beyond 32 and non-objects are kMalformed; a key given twice in one object, or a control
// character (other than tab, line feed, carriage return) in any key or string, is
// kInvalidField naming the field ("people[2]", "a.b").
Result<boost::json::object> ParseObject(std::string_view body);

// Field readers. Required*: absent or null is kInvalidField "is required". Optional*: absent
// gives nullopt. A present field of the wrong type is kInvalidField naming the field.
Result<std::string> RequiredString(const boost::json::object& o, std::string_view field);
Result<std::optional<std::string>> OptionalString(const boost::json::object& o, std::string_view field);
Result<std::optional<bool>> OptionalBool(const boost::json::object& o, std::string_view field);
// An array of strings, at most `max` of them ("field[2]" names a wrong element).
Result<std::optional<std::vector<std::string>>> OptionalStrings(const boost::json::object& o, std::string_view field, size_t max);

// Refuses any key not in `allowed`, naming it: a typo in a field name should not be ignored.
Status OnlyKeys(const boost::json::object& o, std::initializer_list<std::string_view> allowed);

std::string Serialize(const boost::json::value& v);

}  // namespace agora::json
