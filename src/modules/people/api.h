// HTTP routes of people: profiles, follows and the reporting line.
#pragma once

#include "http/router.h"
#include "modules/identity/account_links.h"
#include "modules/people/import_jobs.h"
#include "modules/people/photos.h"
#include "modules/people/service.h"

namespace agora::people {

void RegisterApi(http::Router& router, PeopleService& service);
void RegisterImportApi(http::Router& router, ImportJobs& jobs, identity::AccountLinks& links);
void RegisterPhotoApi(http::Router& router, PeopleService& people, PhotoService& photos);

}  // namespace agora::people
