#include "modules/wiki/import_api.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "http/problem.h"
#include "http/response.h"

namespace agora::wiki {
namespace {

using http::Access;
using http::Method;
using http::Request;

boost::json::array Strings(const std::vector<std::string>& v) {
  boost::json::array out;
  for (const auto& s : v) out.push_back(boost::json::string(s));
  return out;
}

boost::json::object JobJson(const ImportJob& j) {
  boost::json::value report = nullptr, error = nullptr;
  if (j.report)
    report = boost::json::object{{"pages", j.report->pages},
                                 {"revisions", j.report->revisions},
                                 {"redirects", j.report->redirects},
                                 {"skipped", Strings(j.report->skipped)},
                                 {"left_out", Strings(j.report->left_out)},
                                 {"unknown_people", Strings(j.report->unknown_people)}};
  if (j.error) error = boost::json::parse(http::ProblemBody(*j.error));
  return {{"id", j.id},
          {"space", j.space},
          {"state", j.state},
          {"done", static_cast<std::int64_t>(j.done)},
          {"total", static_cast<std::int64_t>(j.total)},
          {"report", std::move(report)},
          {"error", std::move(error)}};
}

}  // namespace

void RegisterImportApi(http::Router& router, ImportJobs& jobs) {
  router.Add(Method::kPost, "/api/v1/wiki/spaces/{space}/imports", {.access = Access::kUser, .max_body_bytes = kMaxImportBytes},
             [&jobs](Request& req) {
               const std::string format = req.Query("format");
               if (format != "mediawiki" && format != "markdown")
                 return http::Problem(Error::Invalid("format", "format is mediawiki (an XML export) or markdown (a zip of Markdown files)"));
               if (req.body.empty()) return http::Problem(Error::Required("file"));
               auto job = jobs.Start(*req.principal, std::string(req.Param("space")), format == "mediawiki" ? ImportFormat::kMediaWiki : ImportFormat::kMarkdownZip,
                                     std::move(req.body), req.client_ip);
               return job ? http::Json(202, JobJson(*job)) : http::Problem(job.error());
             });
  router.Add(Method::kGet, "/api/v1/wiki/imports/{id}", {.access = Access::kUser}, [&jobs](Request& req) {
    auto job = jobs.Get(std::string(req.Param("id")), req.principal->user.id);
    return job ? http::Json(200, JobJson(*job)) : http::Problem(Error::NotFound("no such import"));
  });
}

}  // namespace agora::wiki
