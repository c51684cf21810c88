#pragma once

#include "http/router.h"
#include "modules/comments/service.h"
#include "modules/feed/service.h"
#include "modules/notifications/service.h"
#include "modules/reactions/service.h"

namespace agora::feed {

// The feed and hashtag routes.
void RegisterApi(http::Router& router, FeedService& feed);
// Comments and reactions on any content.
void RegisterInteractionApi(http::Router& router, comments::CommentService& comments, reactions::ReactionService& reactions);
// A person's notifications and their settings.
void RegisterNotificationApi(http::Router& router, notifications::NotificationService& service);

}  // namespace agora::feed
