// Admin routes of the outbox: what is queued, sent and failed (with the server's words), and
// sending a failed mail again once its cause is fixed.
#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "modules/mail/worker.h"
#include "store/database.h"

namespace agora::mail {

void RegisterApi(http::Router& router, agora::store::Database& db, IdGenerator& ids, const Clock& clock, const Worker& worker);

}  // namespace agora::mail
