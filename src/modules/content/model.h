// The content model shared by every kind (DESIGN.md "Content model" and "Audience"): who is
// reading, and the part of a content row that decides whether they may.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "modules/identity/model.h"

namespace agora::content {

enum class Audience { kPublic, kOrganization, kCommunity, kRestricted, kPrivate };
std::string_view AudienceName(Audience a);
std::optional<Audience> ParseAudience(std::string_view s);

// Whoever reads: a signed-in person with their role, or nobody (an anonymous reader of
// public content).
struct Viewer {
  Id id = 0;  // 0: not signed in
  identity::Role role = identity::Role::kGuest;
  bool signed_in() const { return id != 0; }
  // Members and admins read `organization` content; guests and alumni do not.
  bool in_organization() const {
    return signed_in() && (role == identity::Role::kMember || role == identity::Role::kAdmin);
  }
  // Alumni read only public content; everyone else signed in also reads restricted content
  // that lists them (and their own).
  bool reads_beyond_public() const { return signed_in() && role != identity::Role::kAlumnus; }
};
Viewer ViewerOf(const identity::Principal* principal);

// The columns of a content row the audience rule and the lists need.
struct ContentHead {
  Id id = 0;
  std::string kind;
  Id author_id = 0;
  std::optional<Id> container_id;
  Audience audience = Audience::kOrganization;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> edited_at;
  std::int64_t comment_count = 0;
  std::int64_t reaction_count = 0;
  std::int64_t share_count = 0;
  std::string language;  // what it is written in (languages.h), "" when not known
};

}  // namespace agora::content
