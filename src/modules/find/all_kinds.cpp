// Every kind search finds, each described by its own module. A new kind (blogs, the wiki)
// adds itself here.
#include "modules/blogs/search.h"
#include "modules/comments/search.h"
#include "modules/communities/search.h"
#include "modules/find/kinds.h"
#include "modules/forum/search.h"
#include "modules/people/search.h"
#include "modules/posts/search.h"
#include "modules/wiki/search.h"

namespace agora::find {

Kinds AllKinds() {
  return {{"person", people::SearchKind()},
          {"post", posts::SearchKind()},
          {"comment", comments::SearchKind()},
          {"topic", forum::SearchKind()},
          {"blog_entry", blogs::EntrySearchKind()},
          {"blog", blogs::BlogSearchKind()},
          {"community", communities::SearchKind()},
          {"wiki_page", wiki::PageSearchKind()},
          {"wiki_space", wiki::SpaceSearchKind()}};
}

}  // namespace agora::find
