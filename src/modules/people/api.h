// HTTP routes of people: profiles, follows and the reporting line.
#pragma once

#include "http/router.h"
#include "modules/people/import_jobs.h"
#include "modules/people/service.h"

namespace agora::people {

void RegisterApi(http::Router& router, PeopleService& service);
void RegisterImportApi(http::Router& router, ImportJobs& jobs);

}  // namespace agora::people
