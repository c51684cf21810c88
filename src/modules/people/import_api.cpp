// Admin routes for the staff import: start one (202) and follow its progress.
#include <boost/json/array.hpp>

#include "http/problem.h"
#include "http/response.h"
#include "modules/people/api.h"

namespace agora::people {
namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

boost::json::object JobJson(const ImportJobState& j) {
  boost::json::object o{{"id", j.id}, {"state", j.state}, {"done", j.done}, {"total", j.total}};
  if (j.report) {
    const auto& r = *j.report;
    boost::json::array problems;
    for (const auto& p : r.problems) problems.push_back({{"line", p.line}, {"field", p.field}, {"reason", p.reason}});
    o["report"] = {{"rows", r.rows},       {"created", r.created}, {"updated", r.updated},
                   {"unchanged", r.unchanged}, {"bad", r.skipped}, {"marked_alumni", r.marked_alumni}, {"invited", r.invited},
                   {"applied", r.applied}, {"problems", std::move(problems)}};
  }
  if (j.error) o["error"] = {{"status", http::StatusFor(j.error->code)}, {"detail", j.error->message}};
  return o;
}

bool Flag(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  return v == "true" || v == "1";
}

}  // namespace

void RegisterImportApi(http::Router& router, ImportJobs& jobs, identity::AccountLinks& links) {
  router.Add(Method::kPost, "/api/v1/admin/people/imports",
             {.access = Access::kAdmin, .max_body_bytes = 128 * 1024 * 1024},
             [&jobs, &links](Request& req) {
               auto type = req.content_type.substr(0, req.content_type.find(';'));
               if (type != "text/csv")
                 return http::Problem({ErrorCode::kUnsupportedMedia, "send the staff list as text/csv", "Content-Type", 0});
               ImportOptions options;
               options.dry_run = Flag(req, "dry_run");
               options.import_valid_rows = Flag(req, "import_valid_rows");
               options.mark_missing_alumni = Flag(req, "mark_missing_alumni");
               identity::Actor actor{req.principal->user.id, req.client_ip};
               if (Flag(req, "invite"))
                 options.invite = [&links, actor](const std::vector<Id>& ids) { return links.InviteMany(actor, ids); };
               auto job = jobs.Start(std::move(req.body), options, {req.principal->user.id, req.client_ip});
               if (!job) return http::Problem(job.error());
               Response r = http::Json(202, JobJson(*job));
               r.headers.emplace_back("Location", "/api/v1/admin/people/imports/" + job->id);
               return r;
             });

  router.Add(Method::kGet, "/api/v1/admin/people/imports/{id}",
             {.access = Access::kAdmin},
             [&jobs](Request& req) {
               auto job = jobs.Get(std::string(req.Param("id")));
               return job ? http::Json(200, JobJson(*job)) : http::Problem(Error::NotFound("no such import"));
             });
}

}  // namespace agora::people
