// The one place where domain error codes become HTTP statuses and problem types.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace agora::http {

int StatusFor(ErrorCode code);
// Stable problem `type` URI reference, e.g. "/problems/invalid-field" (listed in docs/api.md).
std::string_view ProblemType(ErrorCode code);
std::string_view ReasonPhrase(int status);
// Serialized problem+json body. `instance` is the request id when known.
std::string ProblemBody(const Error& e, std::string_view instance = {});

}  // namespace agora::http
