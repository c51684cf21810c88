#pragma once

#include "http/router.h"
#include "modules/comments/service.h"
#include "modules/reactions/service.h"

namespace agora::comments {

// Comments and reactions on any content (or comment).
void RegisterApi(http::Router& router, CommentService& comments, reactions::ReactionService& reactions);

}  // namespace agora::comments
