#pragma once

#include "http/router.h"
#include "modules/communities/invitations.h"
#include "modules/people/service.h"
#include "modules/communities/pictures.h"
#include "modules/communities/service.h"

namespace agora::communities {

// `people` gives the members' cards (under the profile rule) with a page of members.
void RegisterApi(http::Router& router, CommunityService& service, PictureService& pictures, InvitationService& invitations,
                 people::PeopleService& people);

}  // namespace agora::communities
