#pragma once

#include "http/router.h"
#include "modules/communities/invitations.h"
#include "modules/communities/pictures.h"
#include "modules/communities/service.h"

namespace agora::communities {

void RegisterApi(http::Router& router, CommunityService& service, PictureService& pictures, InvitationService& invitations);

}  // namespace agora::communities
