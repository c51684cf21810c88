// Status updates: a short Markdown post in the author's own space, or a share of another
// post with a comment of its own.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/content/model.h"
#include "modules/images/model.h"
#include "modules/people/model.h"
#include "modules/reactions/model.h"

namespace agora::posts {

struct NewPost {
  std::string body;
  content::Audience audience = content::Audience::kOrganization;
  std::vector<Id> people;        // readers, for `restricted`
  std::optional<Id> share_of;
  std::optional<Id> community_id;  // audience `community`: the community it is posted in
  std::vector<Id> image_ids;     // uploaded images (images/), at most 4, in order
  std::string language;          // declared, else the author's (posts/api.cpp); "" = not known
};

struct Post {
  content::ContentHead head;
  std::string body, body_html;
  std::optional<Id> share_of;
  bool share_of_deleted = false;  // a share whose original is gone
};

// A post as one reader sees it: its author's card, its tags, reaction counts with the
// reader's own reaction, and the shared original when the reader may see it.
// The community a post was written in (its container), as a post card names it.
struct CommunityRef {
  Id id = 0;
  std::string handle, name;
};

struct PostView {
  Post post;
  std::optional<CommunityRef> community;
  people::Card author;
  std::vector<std::string> tags;
  std::vector<people::Card> readers;  // restricted posts, shown to their author only
  std::vector<images::Image> images;
  reactions::Summary reactions;
  std::shared_ptr<const PostView> shared;  // null: not a share, or the original is not visible
  bool shared_unavailable = false;         // a share whose original is gone or not visible
};

}  // namespace agora::posts
