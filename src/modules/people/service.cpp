#include "modules/people/service.h"

#include <algorithm>
#include <cstdlib>

#include "core/collation.h"
#include "core/cursor.h"
#include "core/name_words.h"
#include "core/places.h"
#include "core/text.h"
#include "modules/people/fields.h"
#include "modules/people/policy.h"
#include "modules/notifications/writer.h"
#include "modules/people/store.h"
#include "modules/identity/store.h"
#include "modules/audit/store.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace agora::people {
namespace {

Result<std::string> ShortText(const std::string& field, std::string_view value, size_t max_chars) {
  auto t = text::Trim(value);
  if (!text::IsValidUtf8(t)) return Error::Invalid(field, field + " is not valid UTF-8");
  if (text::CodePoints(t) > max_chars)
    return Error::TooLong(field, static_cast<std::int64_t>(max_chars));
  if (text::HasControlCharacters(t)) return Error::Invalid(field, field + " must not contain control characters");
  return std::string(t);
}

Result<std::string> Country(std::string_view v) {
  auto t = text::Trim(v);
  if (t.empty()) return std::string();
  if (auto code = places::CountryCode(t)) return *code;
  return Error::Invalid("country", "country must be a country's name or its ISO 3166-1 code, such as Sweden or SE");
}

Result<std::string> TimeZone(std::string_view v) {
  auto t = text::Trim(v);
  if (t.empty()) return std::string();
  if (!places::IsTimeZone(t)) return Error::Invalid("timezone", "timezone must be an IANA name such as Europe/Stockholm");
  return std::string(t);
}

Result<std::string> Phone(std::string_view v) {
  auto t = text::Trim(v);
  bool ok = t.size() <= 40;
  for (char ch : t) ok = ok && (std::isdigit(static_cast<unsigned char>(ch)) || std::string_view(" +-().").find(ch) != std::string_view::npos);
  if (!ok) return Error::Invalid("phone", "phone may hold digits, spaces and + - ( ) . only, at most 40");
  return std::string(t);
}

Result<CardPage> Page(std::vector<Card> items, int limit) {
  CardPage page;
  page.items = std::move(items);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.resize(static_cast<size_t>(limit));
    page.next_cursor = EncodeCursor({{}, page.items.back().id});
  }
  return page;
}

Result<Id> AfterId(std::string_view cursor) {
  if (cursor.empty()) return Id{0};
  auto c = DecodeCursor(cursor);
  if (!c) return c.error();
  return c->id;
}

}  // namespace

Result<std::string> NormalizeTag(std::string_view tag) {
  auto t = text::Trim(tag);
  if (t.empty() || !text::IsValidUtf8(t) || text::CodePoints(t) > 50 || text::HasControlCharacters(t) ||
      t.find_first_of(",;#/") != std::string_view::npos)
    return Error::Invalid("expertise", "each expertise tag must be 1 to 50 characters without , ; # /");
  return text::Lower(t);
}

Status ValidateHandle(std::string_view h) {
  bool ok = h.size() >= 3 && h.size() <= 30 && std::isalnum(static_cast<unsigned char>(h[0]));
  for (char ch : h) ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-');
  if (!ok || h == "me") return Error::Invalid("handle", "handle must be 3 to 30 of a-z 0-9 . _ - and start with a letter or digit");
  if (text::ReadsAsId(h)) return Error::Invalid("handle", "handle must not be digits alone (it would read as an id)");
  return OkStatus();
}

std::optional<std::string> PeopleService::CurrentHandleFor(const identity::Principal& viewer, std::string_view old_handle) {
  auto id = db_.Read([&](auto& c) { return store::FindIdByOldHandle(c, std::string(old_handle)); });
  if (!id) return std::nullopt;
  auto p = db_.Read([&](auto& c) { return store::LoadProfile(c, *id); });
  if (!p || !CanSeeProfile(viewer, p->account)) return std::nullopt;
  return p->account.handle;
}

Result<Id> PeopleService::Resolve(const identity::Principal& viewer, std::string_view ref) {
  if (ref == "me") return viewer.user.id;
  if (auto id = ParseId(ref)) return *id;
  auto id = db_.Read([&](auto& c) { return store::FindIdByHandle(c, std::string(ref)); });
  if (!id) return Error::NotFound("no such person");
  return *id;
}

bool PeopleService::IsVisible(const identity::Principal& viewer, Id target) {
  if (target == viewer.user.id) return true;
  return db_.Read([&](auto& c) {
    auto account = identity::store::FindUserById(c, target);
    return account && SeesProfile(c, viewer, account->user);
  });
}

Result<Id> PeopleService::ResolveVisible(const identity::Principal& viewer, std::string_view ref) {
  auto id = Resolve(viewer, ref);
  if (!id) return id;
  if (!IsVisible(viewer, *id)) return Error::NotFound("no such person");
  return id;
}

std::shared_ptr<const CachedProfile> PeopleService::Cached(agora::store::Connection& c, Id id, std::int64_t version) {
  if (auto hit = cache_.Get(id); hit && hit->version == version) return hit;
  auto parts = store::LoadProfileParts(c, id);
  if (!parts) return nullptr;
  auto entry = std::make_shared<CachedProfile>();
  if (parts->manager) {
    entry->manager = std::move(parts->manager->first);
    entry->manager_account = std::move(parts->manager->second);
  }
  entry->endorsement_counts = std::move(parts->endorsement_counts);
  entry->profile = std::move(parts->profile);
  entry->version = version;
  entry->loaded_at_ms = clock_.NowMs();
  if (db_.ReadIsCurrent()) cache_.Put(id, entry);  // else a newer change may be missing from it
  return entry;
}

ProfileView PeopleService::Assemble(const identity::Principal& viewer, const CachedProfile& cached,
                                    const store::ViewedSubject& viewed) {
  const identity::User& account = viewed.subject.account;
  ProfileView v;
  v.profile = cached.profile;
  v.profile.account = account;
  v.rendered = cached.rendered;
  if (cached.manager && cached.manager_account && CanSeeProfile(viewer, *cached.manager_account)) v.manager = cached.manager;
  v.followed_by_viewer = viewer.user.id != account.id && viewed.followed_by_viewer;
  static const std::vector<std::string> kNone;
  const auto& mine = viewer.user.id != account.id ? viewed.endorsed_by_viewer : kNone;
  for (const auto& [tag, n] : cached.endorsement_counts)
    v.endorsements.push_back({tag, n, std::find(mine.begin(), mine.end(), tag) != mine.end()});
  return v;
}

Result<ProfileView> PeopleService::Get(const identity::Principal& viewer, std::string_view ref) {
  // What this viewer read of this person a moment ago, while nothing has changed it
  // (viewed_cache.h). The audience rule is applied again to the account it holds; a viewer
  // who sees the person only through a shared community always goes to the database.
  if (auto hit = viewed_.Get(viewer.user.id, ref);
      hit && cache_.Get(hit->subject.subject.account.id) == hit->profile && CanSeeProfile(viewer, hit->subject.subject.account))
    return Assemble(viewer, *hit->profile, hit->subject);
  // One read transaction and one statement for the whole view when the profile's
  // viewer-independent part is cached: the account, whether the viewer follows the person
  // and what they endorsed, read together.
  return db_.Read([&](auto& c) -> Result<ProfileView> {
    std::optional<Id> id = ref == "me" ? std::optional<Id>(viewer.user.id) : ParseId(ref);
    // The account, the profile's version and whether the viewer follows them, together.
    auto viewed = store::LoadViewedSubject(c, id, ref, viewer.user.id);
    if (!viewed || !SeesProfile(c, viewer, viewed->subject.account)) return Error::NotFound("no such person");
    const auto& subject = viewed->subject;
    auto cached = Cached(c, subject.account.id, subject.profile_version);
    if (!cached) return Error::NotFound("no such person");
    if (db_.ReadIsCurrent())
      viewed_.Put(viewer.user.id, ref, std::make_shared<Viewed>(Viewed{*viewed, cached, clock_.NowMs()}));
    return Assemble(viewer, *cached, *viewed);
  });
}

void PeopleService::Apply(const bus::Event& e) {
  using Kind = bus::Event::Kind;
  // Dropping a person's profile entry also ends every viewer's entry for them (viewed_cache.h).
  switch (e.kind) {
    case Kind::kFollowsChanged:
      cache_.Invalidate(e.actor);  // their following count
      [[fallthrough]];
    case Kind::kProfileChanged:   // fields, manager, photo, endorsements (by e.actor)
    case Kind::kAccountChanged:   // name, handle
    case Kind::kAccessChanged:    // role, active
      for (Id id : e.people) cache_.Invalidate(id);
      break;
    default:
      break;
  }
}

void PeopleService::StartNameIndex() { names_.StartBuilding(); }

Result<ProfileView> PeopleService::Update(const identity::Principal& viewer, Id target, const ProfileChange& ch) {
  if (viewer.user.id != target && !viewer.is_admin()) return Error::Forbidden("you can edit only your own profile");
  if (ch.manager_id && !viewer.is_admin()) return Error::Forbidden("only admins change who someone reports to");
  if (ch.handle) {
    if (auto st = ValidateHandle(*ch.handle); !st) return st.error();
  }

  auto loaded = db_.Read([&](auto& c) { return store::LoadProfile(c, target); });
  if (!loaded || !CanSeeProfile(viewer, loaded->account)) return Error::NotFound("no such person");
  Profile p = *loaded;
  struct TextField {
    const char* name;
    const std::optional<std::string>& value;
    std::string& out;
    size_t max;
  };
  for (const TextField& f : {TextField{"pronouns", ch.pronouns, p.pronouns, 40}, TextField{"title", ch.title, p.title, 100},
                             TextField{"department", ch.department, p.department, 100},
                             TextField{"office", ch.office, p.office, 100}, TextField{"chat", ch.chat, p.chat, 100}}) {
    if (!f.value) continue;
    auto v = ShortText(f.name, *f.value, f.max);
    if (!v) return v.error();
    f.out = *v;
  }
  if (ch.bio) {
    if (!text::IsValidUtf8(*ch.bio) || ch.bio->size() > 10000)
      return Error::Invalid("bio", "bio must be UTF-8 text of at most 10000 bytes");
    p.bio = *ch.bio;
  }
  if (ch.country) {
    auto v = Country(*ch.country);
    if (!v) return v.error();
    p.country = *v;
  }
  if (ch.timezone) {
    auto v = TimeZone(*ch.timezone);
    if (!v) return v.error();
    p.timezone = *v;
  }
  if (ch.phone) {
    auto v = Phone(*ch.phone);
    if (!v) return v.error();
    p.phone = *v;
  }
  if (ch.phone_visibility) p.phone_visibility = *ch.phone_visibility;
  if (ch.chat_visibility) p.chat_visibility = *ch.chat_visibility;
  if (ch.email_visibility) p.email_visibility = *ch.email_visibility;
  if (ch.expertise) {
    if (static_cast<int>(ch.expertise->size()) > kMaxExpertise)
      return Error::TooMany("expertise", kMaxExpertise, "expertise tags");
    std::vector<std::string> tags;
    for (const auto& t : *ch.expertise) {
      auto n = NormalizeTag(t);
      if (!n) return n.error();
      if (std::find(tags.begin(), tags.end(), *n) == tags.end()) tags.push_back(*n);
    }
    p.expertise = std::move(tags);
  }
  if (ch.languages) {
    auto v = NormalizeLanguages(*ch.languages);
    if (!v) return v.error();
    p.languages = v.take();
  }
  if (ch.links) {
    auto v = NormalizeLinks(*ch.links);
    if (!v) return v.error();
    p.links = v.take();
  }
  auto saved = db_.Write([&](agora::store::Connection& c) -> Result<std::vector<Id>> {
    if (ch.manager_id) {
      auto manager = *ch.manager_id;
      if (manager) {
        if (*manager == target) return Error::Invalid("manager_id", "a person cannot report to themselves");
        auto card = store::LoadCard(c, *manager);
        if (!card) return Error::Invalid("manager_id", "manager_id is not a person here");
        // Walk up from the new manager: meeting `target` means the change closes a loop.
        std::optional<Id> up = manager;
        for (int depth = 0; up && depth < kMaxChainDepth; ++depth) {
          if (*up == target) return Error::Invalid("manager_id", "this would make a loop in the reporting line");
          up = store::ManagerOf(c, *up);
        }
      }
      p.manager_id = manager;
    }
    if (ch.handle && *ch.handle != p.account.handle) {
      auto owner = store::FindIdByHandle(c, *ch.handle);
      auto old_owner = store::FindIdByOldHandle(c, *ch.handle);
      if (owner || (old_owner && *old_owner != target))
        return Error::Taken("handle");
      store::ChangeHandle(c, target, p.account.handle, *ch.handle, clock_.NowMs());
    }
    store::SaveProfile(c, p, clock_.NowMs());
    if (viewer.user.id != target) {
      boost::json::object detail{{"title", p.title}, {"department", p.department}};
      if (ch.manager_id) detail["manager_id"] = p.manager_id ? boost::json::value(IdToString(*p.manager_id)) : nullptr;
      if (ch.handle) detail["handle"] = *ch.handle;
      audit::Record(c, {ids_.Next(), viewer.user.id, "profile.update", "user", target, boost::json::serialize(detail), "",
                        clock_.NowMs()});
    }
    // Their reports show this person as their manager: their cached profiles go too.
    std::vector<Id> affected{target};
    for (const auto& r : store::Reports(c, target, ListFilter{true, true})) affected.push_back(r.id);
    return affected;
  });
  if (!saved) return saved.error();
  Publish({.kind = bus::Event::Kind::kProfileChanged, .actor = viewer.user.id, .people = *saved});
  // Signed-in credentials carry the account's handle.
  if (ch.handle) Publish({.kind = bus::Event::Kind::kAccountChanged, .actor = viewer.user.id, .people = {target}});
  return Get(viewer, IdToString(target));
}

Status PeopleService::Follow(const identity::Principal& viewer, Id target) {
  if (!CanBrowse(viewer)) return Error::Forbidden("your role cannot follow people");
  if (target == viewer.user.id) return Error::Invalid("id", "you cannot follow yourself");
  if (!IsVisible(viewer, target)) return Error::NotFound("no such person");
  bool notified = db_.Write([&](auto& c) {
    const std::int64_t now = clock_.NowMs();
    return store::Follow(c, viewer.user.id, target, now) &&
           notifications::Notify(c, ids_, {notifications::Kind::kFollow, target, viewer.user.id}, now);
  });
  Publish({.kind = bus::Event::Kind::kFollowsChanged, .actor = viewer.user.id, .people = {target}});
  if (notified) Publish({.kind = bus::Event::Kind::kNotified, .actor = viewer.user.id, .people = {target}});
  return OkStatus();
}

Status PeopleService::Unfollow(const identity::Principal& viewer, Id target) {
  bool changed = db_.Write([&](auto& c) {
    if (!store::Unfollow(c, viewer.user.id, target)) return false;
    notifications::WithdrawFollow(c, target, viewer.user.id);
    return true;
  });
  if (changed) {
    Publish({.kind = bus::Event::Kind::kFollowsChanged, .actor = viewer.user.id, .people = {target}});
    Publish({.kind = bus::Event::Kind::kNotified, .actor = viewer.user.id, .people = {target}});
  }
  return OkStatus();
}

Result<CardPage> PeopleService::Relations(const identity::Principal& viewer, Id target, std::string_view cursor,
                                          int limit, bool followers) {
  auto after = AfterId(cursor);
  if (!after) return after.error();
  if (!IsVisible(viewer, target) || (!CanBrowse(viewer) && viewer.user.id != target))
    return Error::NotFound("no such person");
  auto f = VisibleTo(viewer);
  return Page(db_.Read([&](auto& c) {
                return followers ? store::Followers(c, target, *after, limit + 1, f)
                                 : store::Following(c, target, *after, limit + 1, f);
              }),
              limit);
}

Result<CardPage> PeopleService::Followers(const identity::Principal& viewer, Id target, std::string_view cursor, int limit) {
  return Relations(viewer, target, cursor, limit, true);
}

Result<CardPage> PeopleService::Following(const identity::Principal& viewer, Id target, std::string_view cursor, int limit) {
  return Relations(viewer, target, cursor, limit, false);
}

Result<std::vector<Card>> PeopleService::Reports(const identity::Principal& viewer, Id target) {
  if (!IsVisible(viewer, target)) return Error::NotFound("no such person");
  if (!CanBrowse(viewer) && !viewer.is_admin()) return std::vector<Card>{};
  auto f = VisibleTo(viewer);
  return db_.Read([&](auto& c) { return store::Reports(c, target, f); });
}

std::vector<std::optional<Card>> PeopleService::Cards(const identity::Principal& viewer, const std::vector<Id>& ids) {
  return db_.Read([&](auto& c) {
    std::vector<std::optional<Card>> out;
    out.reserve(ids.size());
    for (Id id : ids) {
      auto user = identity::store::FindUserById(c, id);
      if (!user || !SeesProfile(c, viewer, user->user)) {
        out.emplace_back();
        continue;
      }
      out.push_back(store::LoadCard(c, id));
    }
    return out;
  });
}

Result<std::vector<Card>> PeopleService::Managers(const identity::Principal& viewer, Id target) {
  if (!IsVisible(viewer, target)) return Error::NotFound("no such person");
  std::vector<Card> chain;
  if (!CanBrowse(viewer) && !viewer.is_admin()) return chain;
  db_.Read([&](auto& c) {
    auto up = store::ManagerOf(c, target);
    for (int depth = 0; up && depth < kMaxChainDepth; ++depth) {
      auto card = store::LoadCard(c, *up);
      if (!card) break;
      auto manager = identity::store::FindUserById(c, *up);
      if (manager && CanSeeProfile(viewer, manager->user)) chain.push_back(*card);
      up = store::ManagerOf(c, *up);
    }
  });
  return chain;
}

// Words without a letter or digit are dropped (the tokenizer would drop them too).
std::string NameMatchExpression(std::string_view q) {
  std::string out;
  size_t i = 0;
  while (i < q.size()) {
    while (i < q.size() && std::isspace(static_cast<unsigned char>(q[i]))) ++i;
    size_t start = i;
    while (i < q.size() && !std::isspace(static_cast<unsigned char>(q[i]))) ++i;
    std::string_view word = q.substr(start, i - start);
    bool has_text = false;
    for (unsigned char ch : word) has_text = has_text || ch >= 0x80 || std::isalnum(ch);
    if (!has_text) continue;
    if (!out.empty()) out += " AND ";
    out += '"';
    for (char ch : word) {
      if (ch == '"') out += '"';
      out += ch;
    }
    out += "\"*";
  }
  return out;
}

std::shared_ptr<const std::vector<PeopleService::Department>> PeopleService::DepartmentList() {
  constexpr std::int64_t kFreshMs = 60'000;
  std::lock_guard lock(departments_mu_);
  const auto now = clock_.NowMs();
  if (!departments_ || now - departments_at_ms_ > kFreshMs) {
    auto list = std::make_shared<std::vector<Department>>();
    for (auto& [name, n] : db_.Read([](auto& c) { return store::Departments(c, 1000); })) list->push_back({name, n});
    departments_ = std::move(list);
    departments_at_ms_ = now;
  }
  return departments_;
}

Result<std::vector<PeopleService::Department>> PeopleService::Departments(const identity::Principal& viewer) {
  if (!CanBrowse(viewer) && !viewer.is_admin()) return std::vector<Department>{};
  return *DepartmentList();
}

std::vector<store::Suggestion> PeopleService::Suggestions(const identity::Principal& viewer, int limit) {
  if (!CanBrowse(viewer)) return {};
  return db_.Read([&](auto& c) { return store::Suggestions(c, viewer.user.id, limit); });
}

Result<CardPage> PeopleService::Directory(const identity::Principal& viewer, const DirectoryRequest& r) {
  if (!text::IsValidUtf8(r.q) || r.q.size() > 200) return Error::Invalid("q", "q must be text of at most 200 bytes");
  store::DirectoryQuery d;
  // Names are found in any spelling: the query in the form of users.name_words.
  const std::string searchable = text::SearchableQuery(r.q);
  d.match = NameMatchExpression(searchable);
  d.words = searchable;
  if (!text::Trim(r.q).empty() && d.match.empty()) return CardPage{};
  d.department = std::string(text::Trim(r.department));
  // "security" finds the Security department: a department people work in, in any case.
  if (!d.department.empty()) {
    const auto known = DepartmentList();
    const auto exact = std::find_if(known->begin(), known->end(), [&](const auto& k) { return k.name == d.department; });
    const auto wanted = text::Lower(d.department);
    if (exact == known->end())
      for (const auto& k : *known)
        if (text::Lower(k.name) == wanted) {
          d.department = k.name;
          break;
        }
  }
  auto country = Country(r.country);
  if (!country) return Error::Invalid("country", country.error().message);
  d.country = *country;
  d.limit = r.limit + 1;
  std::optional<Cursor> cursor;
  if (!r.cursor.empty()) {
    auto c = DecodeCursor(r.cursor);
    if (!c) return c.error();
    cursor = *c;
    d.after_id = c->id;
    d.after_name = c->key;
  }
  d.order = r.order;
  // A name cursor is "order\nname": the next page continues in the order the first used.
  if (cursor && r.expertise.empty()) {
    auto nl = cursor->key.find('\n');
    if (nl == std::string::npos || !collation::IsOrder(std::string_view(cursor->key).substr(0, nl)))
      return Error::Malformed("cursor is not valid");
    d.order = cursor->key.substr(0, nl);
    d.after_name = cursor->key.substr(nl + 1);
  }
  // Guests and alumni see no one else until communities give them someone to share with.
  if (!CanBrowse(viewer) && !viewer.is_admin()) return CardPage{};
  auto f = VisibleTo(viewer);
  CardPage page;
  if (!r.expertise.empty()) {
    auto tag = NormalizeTag(r.expertise);
    if (!tag) return tag.error();
    std::int64_t after_count = -1;
    if (cursor) {
      auto parsed = std::strtoll(cursor->key.c_str(), nullptr, 10);
      after_count = parsed;
    }
    auto rows = db_.Read([&](auto& c) { return store::Experts(c, *tag, d, after_count, f); });
    for (auto& [card, n] : rows) {
      page.items.push_back(std::move(card));
      page.endorsements.push_back(n);
    }
    if (static_cast<int>(page.items.size()) > r.limit) {
      page.items.resize(static_cast<size_t>(r.limit));
      page.endorsements.resize(static_cast<size_t>(r.limit));
      page.next_cursor = EncodeCursor({std::to_string(page.endorsements.back()), page.items.back().id});
    }
    return page;
  }
  // Name suggestions come from memory when nothing else filters (name_index.h says why).
  std::optional<std::vector<Id>> from_memory;
  if (!d.match.empty() && d.department.empty() && d.country.empty())
    from_memory = names_.Search(text::FoldedWords(searchable), d.order, d.after_name, d.after_id, d.limit, f);
  if (from_memory) {
    page.items = db_.Read([&](auto& c) {
      std::vector<Card> cards;
      for (Id id : *from_memory)
        if (auto card = store::LoadCard(c, id)) cards.push_back(std::move(*card));
      return cards;
    });
  } else {
    page.items = db_.Read([&](auto& c) { return store::Directory(c, d, f); });
  }
  if (static_cast<int>(page.items.size()) > r.limit) {
    page.items.resize(static_cast<size_t>(r.limit));
    page.next_cursor = EncodeCursor({d.order + "\n" + page.items.back().display_name, page.items.back().id});
  }
  return page;
}

Status PeopleService::Endorse(const identity::Principal& viewer, Id target, std::string_view tag_text) {
  if (!CanBrowse(viewer)) return Error::Forbidden("your role cannot endorse");
  if (target == viewer.user.id) return Error::Invalid("id", "you cannot endorse yourself");
  auto tag = NormalizeTag(tag_text);
  if (!tag) return Error::NotFound("no such expertise");
  if (!IsVisible(viewer, target)) return Error::NotFound("no such person");
  auto st = db_.Write([&](agora::store::Connection& c) -> Status {
    if (!store::HasExpertise(c, target, *tag)) return Error::NotFound("this person does not list that expertise");
    store::Endorse(c, target, *tag, viewer.user.id, clock_.NowMs());
    return OkStatus();
  });
  if (st) Publish({.kind = bus::Event::Kind::kProfileChanged, .actor = viewer.user.id, .people = {target}});
  return st;
}

Status PeopleService::Unendorse(const identity::Principal& viewer, Id target, std::string_view tag_text) {
  auto tag = NormalizeTag(tag_text);
  if (!tag) return Error::NotFound("no such expertise");
  db_.Write([&](auto& c) { store::Unendorse(c, target, *tag, viewer.user.id); });
  Publish({.kind = bus::Event::Kind::kProfileChanged, .actor = viewer.user.id, .people = {target}});
  return OkStatus();
}

Result<std::vector<Endorsement>> PeopleService::Endorsements(const identity::Principal& viewer, Id target) {
  if (!IsVisible(viewer, target)) return Error::NotFound("no such person");
  std::vector<Endorsement> out;
  for (auto& [tag, n, mine] : db_.Read([&](auto& c) { return store::EndorsementsOf(c, target, viewer.user.id); }))
    out.push_back({tag, n, mine});
  return out;
}

}  // namespace agora::people
