// The one audience rule (audience.h) as search terms (search/index.h): the terms a document
// carries, and the terms a reader holds. A reader finds a document when they hold one of its
// terms and no term that takes it away, which is exactly CanRead (tests/integration/
// search_audience.test.mjs walks the matrix). Kept in one place for every kind:
//
//   term          on documents                               held by
//   public        public content                             everyone, signed in or not
//   org           organization content; open communities'    members and admins
//                 content ("open" below); listed communities;
//                 profiles of active non-guests
//   person:P      content P wrote (not community content);   P, unless an alumnus
//                 restricted content listing P
//   community:C   community C's content and C itself;        C's active members
//                 profiles of C's active members (who
//                 shares C sees a guest)
//   open          an open community's content                members and admins
//   open:C        (the same), taken away by a ban            excluded for those C banned
//   knows:C       community C itself                         its invited and pending people
//   alumni        a listed alumni community                  alumni
//   self:P        P's profile                                P
//   admin         every profile, active or not               admins
#pragma once

#include <string>
#include <vector>

#include "modules/content/model.h"
#include "store/database.h"

namespace agora::content {

// The audience terms of a content (its comments carry the same).
std::vector<std::string> SearchTerms(agora::store::Connection& c, const ContentHead& head);

struct ReaderTerms {
  std::vector<std::string> held;
  std::vector<std::string> excluded;
  // Of `held`, the terms most documents carry ("public", "org"): a check of whether a reader
  // finds anything at all tries these first (two posting lists rather than all of held's).
  std::vector<std::string> broad;
};
ReaderTerms SearchTermsOf(agora::store::Connection& c, const Viewer& viewer);

}  // namespace agora::content
