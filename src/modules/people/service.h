// People use cases: read a profile, edit one's own (admins: anyone's, and the manager),
// follow and unfollow, and walk followers, following, direct reports and the management
// chain. Every read goes through policy.h. No HTTP types.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bus/bus.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/identity/model.h"
#include "modules/people/model.h"
#include "modules/people/name_index.h"
#include "modules/people/profile_cache.h"
#include "modules/people/store.h"
#include "modules/people/viewed_cache.h"
#include "store/database.h"

namespace agora::people {

struct CardPage {
  std::vector<Card> items;
  std::vector<std::int64_t> endorsements;  // per item, for expertise searches only
  std::optional<std::string> next_cursor;
};

struct DirectoryRequest {
  std::string q;           // prefixes of any words of the name
  std::string department;
  std::string country;
  std::string expertise;   // when set: people with this tag, most endorsed first
  std::string cursor;
  int limit = 20;
  std::string order = "root";  // name sort order (core/collation.h); a cursor keeps its own
};

struct Endorsement {
  std::string tag;
  std::int64_t count = 0;
  bool by_viewer = false;
};

class PeopleService {
 public:
  // `bus` hears of every change after it commits: notifications (a new follower), profile,
  // follow and account changes (bus.h). The service's profile cache follows those events
  // through Apply, which the composition root (or a test) registers on the bus: without a
  // bus, cached profiles change only when their time-to-live ends.
  PeopleService(agora::store::Database& db, IdGenerator& ids, const Clock& clock, bus::Bus* bus = nullptr)
      : db_(db), ids_(ids), clock_(clock), bus_(bus), cache_(clock), viewed_(clock), names_(db) {}

  // `ref` is an id, a handle, or "me". 404 when missing or not visible to the viewer.
  Result<Id> Resolve(const identity::Principal& viewer, std::string_view ref);
  // Resolve, then 404 unless the viewer may see the person's profile (one point query; for
  // routes that serve part of a profile, such as the photo).
  Result<Id> ResolveVisible(const identity::Principal& viewer, std::string_view ref);
  Result<ProfileView> Get(const identity::Principal& viewer, std::string_view ref);
  // For a handle the person no longer uses: their current handle, when the viewer may see
  // them (the API answers 301 to it). nullopt otherwise.
  std::optional<std::string> CurrentHandleFor(const identity::Principal& viewer, std::string_view old_handle);
  // The person themselves or an admin; only admins change the manager, and an admin's edit
  // of someone else is written to the audit log in the same transaction. Fields are checked
  // and normalized (422 naming the field); a manager that would close a loop in the
  // reporting line is refused (422, "manager_id").
  Result<ProfileView> Update(const identity::Principal& viewer, Id target, const ProfileChange& change);

  // Keeps the profile caches exact: kProfileChanged, kFollowsChanged, kAccountChanged and
  // kAccessChanged drop the entries of the people they name (bus.h "appliers").
  void Apply(const bus::Event& e);
  // Loads every name into memory on a background thread, for fast suggestions (the server
  // calls it at start-up; until it is done, and without it, suggestions come from SQL).
  void StartNameIndex();

  Status Follow(const identity::Principal& viewer, Id target);
  Status Unfollow(const identity::Principal& viewer, Id target);
  Result<CardPage> Followers(const identity::Principal& viewer, Id target, std::string_view cursor, int limit);
  Result<CardPage> Following(const identity::Principal& viewer, Id target, std::string_view cursor, int limit);
  Result<std::vector<Card>> Reports(const identity::Principal& viewer, Id target);
  // The cards of `ids` in one read, each under the profile rule (nullopt: not visible to
  // the viewer, or gone): a list of members shows people without a request per person.
  std::vector<std::optional<Card>> Cards(const identity::Principal& viewer, const std::vector<Id>& ids);
  // The manager, their manager, ... up to the top (nearest first).
  Result<std::vector<Card>> Managers(const identity::Principal& viewer, Id target);

  // The departments people work in, most people first (at most 1,000), for the directory's
  // picker. Counted at most once a minute: a GROUP BY over every profile.
  struct Department {
    std::string name;
    std::int64_t people = 0;
  };
  Result<std::vector<Department>> Departments(const identity::Principal& viewer);
  // People to follow (store::Suggestions); none for guests and alumni, who browse no one.
  std::vector<store::Suggestion> Suggestions(const identity::Principal& viewer, int limit);
  // The directory as the viewer may see it (guests and alumni: nobody else yet).
  Result<CardPage> Directory(const identity::Principal& viewer, const DirectoryRequest& request);
  // A member endorses another person's declared expertise tag, once.
  Status Endorse(const identity::Principal& viewer, Id target, std::string_view tag);
  Status Unendorse(const identity::Principal& viewer, Id target, std::string_view tag);
  Result<std::vector<Endorsement>> Endorsements(const identity::Principal& viewer, Id target);

  static constexpr int kMaxExpertise = 30;
  static constexpr int kMaxChainDepth = 64;

 private:
  // The viewer-independent part of a profile, from the cache or loaded (nullptr: no such
  // person); what is loaded is kept when the read is current (Database::ReadIsCurrent).
  std::shared_ptr<const CachedProfile> Cached(agora::store::Connection& c, Id id, std::int64_t version);
  // The profile as `viewer` sees it: the account and what depends on the viewer (follows,
  // endorsements) as `viewed` read them, the rest from `cached`.
  ProfileView Assemble(const identity::Principal& viewer, const CachedProfile& cached, const store::ViewedSubject& viewed);
  // Whether the viewer may see `target`'s profile (its account row only: one point query).
  bool IsVisible(const identity::Principal& viewer, Id target);
  Result<CardPage> Relations(const identity::Principal& viewer, Id target, std::string_view cursor, int limit,
                             bool followers);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
  // After a commit: the event on the bus, when there is one.
  void Publish(bus::Event e) {
    if (bus_) bus_->Publish(std::move(e));
  }

  bus::Bus* bus_;
  ProfileCache cache_;
  ViewedCache viewed_;
  NameIndex names_;
  // Departments(): the last count and when it was made.
  std::mutex departments_mu_;
  std::shared_ptr<const std::vector<Department>> departments_;
  std::int64_t departments_at_ms_ = 0;
  std::shared_ptr<const std::vector<Department>> DepartmentList();
};

// Handles: 3 to 30 of a-z 0-9 . _ -, starting with a letter or digit.
Status ValidateHandle(std::string_view handle);

// "ana ber" -> "ana"* AND "ber"*: the full-text expression for a name search, in which every
// word must start a word of the name. Empty when no word has a letter or digit.
std::string NameMatchExpression(std::string_view q);

// Normalizes an expertise tag ("  Kubernetes " -> "kubernetes"); kInvalidField when it is
// not 1-50 characters of text without separators.
Result<std::string> NormalizeTag(std::string_view tag);

}  // namespace agora::people
