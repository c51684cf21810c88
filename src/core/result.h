// Error and Result<T>: how every layer below HTTP reports failure. A service returns
// Result<T>; the HTTP layer maps Error::code to a status and an RFC 9457 problem type in one
// place (http/problem.cpp). Exceptions are kept for bugs and infrastructure failure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace agora {

enum class ErrorCode {
  kMalformed,         // 400: the request cannot be parsed (bad JSON, bad UTF-8, bad cursor)
  kUnauthenticated,   // 401: not signed in, or bad credentials
  kForbidden,         // 403: signed in but not allowed (or CSRF token missing)
  kNotFound,          // 404: does not exist or is not visible to the caller
  kMethodNotAllowed,  // 405: the path exists, the method does not (Allow lists the others)
  kConflict,          // 409: clashes with existing state (duplicate email, last admin)
  kPreconditionFailed,// 412: If-Match did not match
  kTooLarge,          // 413
  kUnsupportedMedia,  // 415
  kRangeNotSatisfiable,  // 416: a download's Range begins past its end
  kHeaderTooLarge,    // 431: request header fields too large
  kInvalidField,      // 422: a field is present but invalid; Error::field names it
  kRateLimited,       // 429: Error::retry_after_seconds says when to try again
  kNotImplemented,    // 501: a request feature the server does not support (a transfer coding)
  kUnavailable,       // 503: Error::retry_after_seconds, when set, says when to try again
  kInternal,          // 500
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // safe to show to the client; never contains secrets
  std::string field;    // the offending field for kInvalidField (JSON pointer-ish name)
  int retry_after_seconds = 0;
  // What is wrong, as a stable name the web client words in the reader's language (the
  // message is for developers, in English): "required", "too_long", "too_short", "too_many"
  // (with `limit`), "taken", "incorrect", "not_email", "wrong_credentials", "wrong_code".
  // Sent as the problem's "reason" and "limit".
  std::string reason = {};
  std::int64_t limit = 0;

  Error Because(std::string why, std::int64_t n = 0) && {
    reason = std::move(why);
    limit = n;
    return std::move(*this);
  }

  static Error Malformed(std::string m) { return {ErrorCode::kMalformed, std::move(m), {}, 0}; }
  static Error Unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m), {}, 0}; }
  static Error Forbidden(std::string m) { return {ErrorCode::kForbidden, std::move(m), {}, 0}; }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m), {}, 0}; }
  static Error Conflict(std::string m, std::string f = {}) { return {ErrorCode::kConflict, std::move(m), std::move(f), 0}; }
  static Error Invalid(std::string f, std::string m) { return {ErrorCode::kInvalidField, std::move(m), std::move(f), 0}; }
  static Error RateLimited(int seconds) {
    return {ErrorCode::kRateLimited, "too many attempts; try again later", {}, seconds};
  }
  static Error Required(const std::string& f) { return Invalid(f, f + " is required").Because("required"); }
  static Error TooLong(const std::string& f, std::int64_t max) {
    return Invalid(f, f + " must be at most " + std::to_string(max) + " characters").Because("too_long", max);
  }
  static Error TooShort(const std::string& f, std::int64_t min) {
    return Invalid(f, f + " must be at least " + std::to_string(min) + " characters").Because("too_short", min);
  }
  // "at most 20 languages"
  static Error TooMany(const std::string& f, std::int64_t max, const std::string& what) {
    return Invalid(f, "at most " + std::to_string(max) + " " + what).Because("too_many", max);
  }
  static Error Taken(const std::string& f) { return Conflict("this " + f + " is taken", f).Because("taken"); }
  static Error RangeNotSatisfiable(std::string m) { return {ErrorCode::kRangeNotSatisfiable, std::move(m), {}, 0}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m), {}, 0}; }
  static Error Busy(std::string m, int seconds) { return {ErrorCode::kUnavailable, std::move(m), {}, seconds}; }
};

// A value or an Error. Deliberately small: `if (!r) return r.error();` then `*r`.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}        // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }
  T take() { return std::move(std::get<0>(v_)); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status OkStatus() { return Ok{}; }

}  // namespace agora
