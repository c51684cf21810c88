#include "modules/ldap/api.h"

#include <boost/json/parse.hpp>

#include "core/clock.h"
#include "core/json.h"
#include "http/response.h"

namespace agora::ldap {

void RegisterApi(http::Router& router, LdapSync& sync, SyncRunner& runner) {
  using http::Access;
  using http::Method;
  using http::Request;

  router.Add(Method::kGet, "/api/v1/admin/directory",
             {.access = Access::kAdmin},
             [&sync, &runner](Request&) {
               const auto& c = sync.config();
               boost::json::object out{{"configured", sync.configured()}, {"url", c.url},           {"base_dn", c.base_dn},
                                       {"sync_minutes", c.sync_minutes},   {"missing", c.missing}, {"sign_in", c.sign_in}};
               if (auto p = runner.Running())
                 out["running"] = {{"stage", p->stage}, {"done", p->done}, {"total", p->total}};
               else
                 out["running"] = nullptr;
               boost::json::array runs;
               for (const auto& r : sync.RecentRuns(10)) {
                 boost::system::error_code ec;
                 auto report = boost::json::parse(r.report, ec);
                 runs.push_back({{"id", IdToString(r.id)},
                                 {"started_at", FormatRfc3339(r.started_at)},
                                 {"finished_at", r.finished_at ? boost::json::value(FormatRfc3339(*r.finished_at)) : nullptr},
                                 {"dry_run", r.dry_run},
                                 {"started_by", r.started_by},
                                 {"error", r.error},
                                 {"report", ec ? boost::json::value(boost::json::object{}) : report}});
               }
               out["runs"] = std::move(runs);
               return http::Json(200, out);
             });

  router.Add(Method::kPost, "/api/v1/admin/directory/sync",
             {.access = Access::kAdmin, .max_body_bytes = 4096},
             [&runner](Request& req) {
               bool dry_run = false;
               if (!req.body.empty()) {
                 auto body = http::JsonBody(req);
                 if (!body) return http::Problem(body.error());
                 if (auto st = agora::json::OnlyKeys(*body, {"dry_run"}); !st) return http::Problem(st.error());
                 if (const auto* v = body->if_contains("dry_run")) {
                   if (!v->is_bool()) return http::Problem(Error::Invalid("dry_run", "dry_run must be true or false"));
                   dry_run = v->as_bool();
                 }
               }
               auto st = runner.Start(dry_run, {req.principal->user.id, req.client_ip});
               if (!st) return http::Problem(st.error());
               return http::Json(202, {{"dry_run", dry_run}});
             });
}

}  // namespace agora::ldap
