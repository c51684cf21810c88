// People as search documents (modules/find/kinds.h): name (the first name weighted above the
// rest, and every spelling core/name_words.h makes of it: "strom" finds Ström, "ivanov"
// Иванов), job title, department, office, expertise (weighted by endorsements) and bio.
// Found by whoever may see the profile (policy.h).
#pragma once

#include "modules/find/kinds.h"

namespace agora::people {
find::Kind SearchKind();
}  // namespace agora::people
