// Status updates: post (Markdown with @mentions and #hashtags, an audience), share another
// post (the audience can only narrow), edit (every version kept), delete (gone from every
// feed, count and notification). Every read applies content/audience.h.
#pragma once

#include <optional>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/content/store.h"
#include "modules/identity/model.h"
#include "modules/posts/model.h"
#include "modules/images/service.h"
#include "modules/posts/post_cache.h"
#include "modules/posts/post_index.h"
#include "store/database.h"

namespace agora::posts {

class PostService {
 public:
  // `bus` (optional) receives post and notification events after each commit: the post
  // index and the post cache follow them (their Apply, registered on the bus).
  // `cache` (optional) holds the reader-independent JSON of posts for RenderItems.
  PostService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, bus::Bus* bus = nullptr,
              PostCache* cache = nullptr, images::ImageService* images = nullptr)
      : db_(db), ids_(ids), clock_(clock), bus_(bus), cache_(cache), images_(images) {}

  // Members and admins post to any audience; guests to named people only; alumni not at all.
  Result<PostView> Create(const identity::Principal& author, const NewPost& post);
  Result<PostView> Get(const content::Viewer& viewer, Id id);
  // The author only; the earlier text stays in the history.
  Result<PostView> Edit(const identity::Principal& author, Id id, const std::string& body);
  // The author or an admin (audited).
  Status Delete(const identity::Principal& who, Id id, const std::string& ip);
  Result<std::vector<content::store::Revision>> History(const content::Viewer& viewer, Id id);

  // The posts among `ids` the viewer may read, as they see them, in the order given (for
  // feeds, inside the caller's read transaction).
  std::vector<PostView> Views(agora::store::Connection& c, const content::Viewer& viewer, const std::vector<Id>& ids);
  // The same posts as JSON, as json::PostJson renders them, from the cache when there is one
  // (feeds): per post, the reader's own reaction and their rights are all that is looked up.
  std::vector<std::string> RenderItems(agora::store::Connection& c, const content::Viewer& viewer, const std::vector<Id>& ids);

  static constexpr size_t kMaxBody = 5000;   // code points
  static constexpr size_t kMaxReaders = 200;

 private:
  std::optional<PostView> ViewOf(agora::store::Connection& c, const content::Viewer& viewer, Post post, int depth);
  // The cache entry of a post, loaded on a miss (nullptr: no such post).
  std::shared_ptr<const CachedPost> Cached(agora::store::Connection& c, Id id);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  bus::Bus* bus_;
  PostCache* cache_;
  images::ImageService* images_;  // removes a deleted post's image files
};

}  // namespace agora::posts
