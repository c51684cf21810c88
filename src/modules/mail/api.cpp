#include "modules/mail/api.h"

#include "http/response.h"
#include "modules/audit/store.h"

namespace agora::mail {
namespace {

using http::Access;
using http::Method;
using http::Request;

boost::json::object ItemJson(const Item& i) {
  boost::json::object o{{"id", IdToString(i.id)},
                        {"kind", i.kind},
                        {"state", i.state},
                        {"attempts", i.attempts},
                        {"last_error", i.last_error},
                        {"created_at", FormatRfc3339(i.created_at)}};
  o["user_id"] = i.user_id ? boost::json::value(IdToString(*i.user_id)) : boost::json::value(nullptr);
  o["finished_at"] = i.finished_at ? boost::json::value(FormatRfc3339(*i.finished_at)) : boost::json::value(nullptr);
  return o;
}

}  // namespace

void RegisterApi(http::Router& router, agora::store::Database& db, IdGenerator& ids, const Clock& clock, const Worker& worker) {
  router.Add(Method::kGet, "/api/v1/admin/mail",
             {.access = Access::kAdmin},
             [&db, &worker](Request&) {
               auto s = db.Read([](auto& c) { return outbox::Summarize(c, 50); });
               boost::json::array failures;
               for (const auto& i : s.recent_failures) failures.push_back(ItemJson(i));
               boost::json::array delayed;
               for (const auto& i : s.delayed) {
                 auto o = ItemJson(i);
                 o["next_attempt_at"] = FormatRfc3339(i.next_attempt_at);
                 delayed.push_back(std::move(o));
               }
               const auto where = worker.transport().Where();
               boost::json::object o{{"transport", worker.transport().Describe()},
                                     {"destination", {{"kind", where.kind}, {"target", where.target}, {"user", where.user}}},
                                     {"queued", s.queued},
                                     {"sent", s.sent},
                                     {"failed", s.failed},
                                     {"cancelled", s.cancelled},
                                     {"recent_failures", std::move(failures)},
                                     {"delayed", std::move(delayed)}};
               o["oldest_queued_at"] = s.oldest_queued_at ? boost::json::value(FormatRfc3339(*s.oldest_queued_at))
                                                          : boost::json::value(nullptr);
               return http::Json(200, o);
             });

  router.Add(Method::kPost, "/api/v1/admin/mail/{id}/retry",
             {.access = Access::kAdmin},
             [&db, &ids, &clock](Request& req) {
               auto id = http::IdParam(req, "id");
               if (!id) return http::Problem(id.error());
               bool requeued = db.Write([&](auto& c) {
                 const std::int64_t now = clock.NowMs();
                 if (!outbox::Requeue(c, *id, now)) return false;
                 audit::Record(c, {ids.Next(), req.principal->user.id, "mail.retry", "mail", *id, "{}", req.client_ip, now});
                 return true;
               });
               if (!requeued) return http::Problem(Error::NotFound("no failed mail has this id"));
               Worker::WakeAll();
               return http::NoContent();
             });
}

}  // namespace agora::mail
