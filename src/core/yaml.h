// YAML (1.2 core schema) to Boost.JSON, for the files the binary carries that people write by
// hand (the OpenAPI description of each module). yaml-cpp parses; this maps its nodes: a
// quoted scalar is a string, a plain one is null, a boolean, an integer or a number when it
// reads as one (`true`, `null`, `42`, `1.5`), else a string, as YAML's core schema says.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "core/result.h"

namespace agora::yaml {

// One YAML document. kMalformed names the line and column of a syntax error.
Result<boost::json::value> ToJson(std::string_view text);

}  // namespace agora::yaml
