// People's plain data: a profile (an account plus what the person says about themselves),
// the short card used in lists, and who may see a contact field.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "modules/identity/model.h"

namespace agora::people {

// Who sees a contact field besides the person and admins.
enum class Visibility { kMembers, kPrivate };

// A link on a profile ("Blog", https://...); http and https only.
struct Link {
  std::string title, url;
  bool operator==(const Link&) const = default;
};

struct Profile {
  identity::User account;
  std::string pronouns, title, department, office, country, timezone, bio;
  std::string phone, chat;
  Visibility phone_visibility = Visibility::kMembers;
  Visibility chat_visibility = Visibility::kMembers;
  Visibility email_visibility = Visibility::kMembers;
  std::optional<Id> manager_id;
  std::vector<std::string> expertise;
  std::vector<std::string> languages;  // BCP 47 tags ("sv", "pt-BR"), in the person's order
  std::vector<Link> links;
  std::string photo;  // key of the photo's renditions (people/photos.h); empty: none
  std::int64_t followers = 0;
  std::int64_t following = 0;
};

// What lists show of a person.
struct Card {
  Id id = 0;
  std::string handle, display_name, title, department, country;
  identity::Role role = identity::Role::kMember;
  std::string photo;  // photo key, empty: none
};

// A profile as one viewer sees it: the profile, its manager's card when the viewer may see
// the manager, and whether the viewer follows the person.
// A profile's JSON as plain members see it, kept with a cached profile so that reads by
// members serialize only what depends on them (json.cpp fills it in).
// Filled once (std::call_once: no lock on later reads, which matters when many readers
// open the same popular profile at once).
struct RenderedProfile {
  std::once_flag once;
  identity::User account;  // the account row it was rendered from
  std::string head;        // the JSON object without its closing brace and viewer fields
};

struct ProfileView {
  Profile profile;
  std::shared_ptr<RenderedProfile> rendered;  // null: always render in full
  std::optional<Card> manager;
  bool followed_by_viewer = false;
  struct Endorsed {
    std::string tag;
    std::int64_t count = 0;
    bool by_viewer = false;
  };
  std::vector<Endorsed> endorsements;  // per expertise tag, most endorsed first
};

// A profile edit: fields left empty are not changed.
struct ProfileChange {
  std::optional<std::string> pronouns = std::nullopt, title = std::nullopt, department = std::nullopt,
                             office = std::nullopt, country = std::nullopt, timezone = std::nullopt,
                             bio = std::nullopt, phone = std::nullopt, chat = std::nullopt;
  std::optional<Visibility> phone_visibility = std::nullopt, chat_visibility = std::nullopt,
                            email_visibility = std::nullopt;
  std::optional<std::vector<std::string>> expertise = std::nullopt;
  std::optional<std::vector<std::string>> languages = std::nullopt;
  std::optional<std::vector<Link>> links = std::nullopt;
  std::optional<std::string> handle = std::nullopt;  // old handles keep redirecting
  // Admins only: the manager (nullopt inside: no manager). Outer nullopt: unchanged.
  std::optional<std::optional<Id>> manager_id = std::nullopt;
};

}  // namespace agora::people
