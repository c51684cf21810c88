#include "http/problem.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace agora::http {

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed: return 400;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kMethodNotAllowed: return 405;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kPreconditionFailed: return 412;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kUnsupportedMedia: return 415;
    case ErrorCode::kRangeNotSatisfiable: return 416;
    case ErrorCode::kHeaderTooLarge: return 431;
    case ErrorCode::kInvalidField: return 422;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kNotImplemented: return 501;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

std::string_view ProblemType(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed: return "/problems/malformed-request";
    case ErrorCode::kUnauthenticated: return "/problems/unauthenticated";
    case ErrorCode::kForbidden: return "/problems/forbidden";
    case ErrorCode::kNotFound: return "/problems/not-found";
    case ErrorCode::kMethodNotAllowed: return "/problems/method-not-allowed";
    case ErrorCode::kConflict: return "/problems/conflict";
    case ErrorCode::kPreconditionFailed: return "/problems/precondition-failed";
    case ErrorCode::kTooLarge: return "/problems/too-large";
    case ErrorCode::kUnsupportedMedia: return "/problems/unsupported-media-type";
    case ErrorCode::kRangeNotSatisfiable: return "/problems/range-not-satisfiable";
    case ErrorCode::kHeaderTooLarge: return "/problems/header-too-large";
    case ErrorCode::kInvalidField: return "/problems/invalid-field";
    case ErrorCode::kRateLimited: return "/problems/rate-limited";
    case ErrorCode::kNotImplemented: return "/problems/not-implemented";
    case ErrorCode::kUnavailable: return "/problems/unavailable";
    case ErrorCode::kInternal: return "/problems/internal";
  }
  return "/problems/internal";
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
  }
  return "Unknown";
}

std::string ProblemBody(const Error& e, std::string_view instance) {
  int status = StatusFor(e.code);
  boost::json::object o{{"type", ProblemType(e.code)}, {"title", ReasonPhrase(status)}, {"status", status}};
  if (!e.message.empty()) o["detail"] = e.message;
  if (!e.field.empty()) o["field"] = e.field;
  if (!e.reason.empty()) o["reason"] = e.reason;
  if (e.limit > 0) o["limit"] = e.limit;
  if (!instance.empty()) o["instance"] = "urn:agora:request:" + std::string(instance);
  return boost::json::serialize(o);
}

}  // namespace agora::http
