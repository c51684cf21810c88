// Admin routes of the directory sync (sync.h): its settings, the run in progress, recent
// runs with their reports, and "sync now" (or a dry run).
#pragma once

#include "http/router.h"
#include "modules/ldap/sync.h"

namespace agora::ldap {

void RegisterApi(http::Router& router, LdapSync& sync, SyncRunner& runner);

}  // namespace agora::ldap
