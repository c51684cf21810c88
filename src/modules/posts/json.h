// The wire format of posts, comments, reactions and feed items (shared by every module that
// lists content).
#pragma once

#include <boost/json/object.hpp>

#include "modules/comments/model.h"
#include "modules/content/model.h"
#include "modules/posts/model.h"
#include "modules/reactions/model.h"

namespace agora::posts::json {

boost::json::object ReactionsJson(const reactions::Summary& s);
boost::json::object PostJson(const PostView& v, const content::Viewer& viewer);
boost::json::object CommentJson(const comments::CommentView& v, const content::Viewer& viewer);

}  // namespace agora::posts::json
