#include "modules/wiki/service.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <climits>
#include <map>
#include <tuple>

#include "core/cursor.h"
#include "core/place_handle.h"
#include "core/text.h"
#include "modules/audit/store.h"
#include "modules/communities/store.h"
#include "modules/content/audience.h"
#include "modules/content/body.h"
#include "modules/content/store.h"
#include "modules/identity/store.h"
#include "modules/files/service.h"
#include "modules/files/store.h"
#include "modules/images/attach.h"
#include "modules/notifications/writer.h"
#include "modules/people/policy.h"
#include "modules/people/store.h"
#include "modules/wiki/json.h"
#include "modules/wiki/render.h"
#include "modules/wiki/store.h"
#include "modules/wiki/titles.h"
#include "modules/wiki/visibility.h"
#include "modules/wiki/watch.h"

namespace agora::wiki {
namespace {

using agora::store::Connection;

content::Viewer AsViewer(const identity::Principal& p) { return {p.user.id, p.user.role}; }

Result<std::string> CheckText(std::string_view field, std::string_view raw, size_t max, bool may_be_empty) {
  if (!text::IsValidUtf8(raw)) return Error::Invalid(std::string(field), std::string(field) + " must be valid UTF-8");
  std::string t(text::Trim(raw));
  if (t.empty() && !may_be_empty) return Error::Required(std::string(field));
  if (text::CodePoints(t) > max) return Error::TooLong(std::string(field), static_cast<std::int64_t>(max));
  if (text::HasControlCharacters(t)) return Error::Invalid(std::string(field), std::string(field) + " may not hold control characters");
  return t;
}

// A page's Markdown: any length up to kMaxBody bytes, empty allowed (a page begun by its title).
Result<std::string> CheckPageBody(std::string_view raw) {
  if (!text::IsValidUtf8(raw)) return Error::Invalid("body", "body must be valid UTF-8");
  if (raw.size() > WikiService::kMaxBody)
    return Error::Invalid("body", "a page holds at most " + std::to_string(WikiService::kMaxBody) + " bytes")
        .Because("too_long", static_cast<std::int64_t>(WikiService::kMaxBody));
  // Line ends as the merge compares them ("\n"; most texts have no other).
  if (raw.find('\r') == std::string_view::npos) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i)
    if (raw[i] != '\r') out.push_back(raw[i]);
    else if (i + 1 >= raw.size() || raw[i + 1] != '\n') out.push_back('\n');
  return out;
}


// Files the writer uploaded and links to: downloadable by the page's readers from now on.
Status AttachFiles(Connection& c, Id page, Id writer, std::string_view body) {
  if (!files::AttachTo(c, page, writer, files::NamedIn(body), WikiService::kMaxPageFiles))
    return Error::Invalid("body", "a page has at most " + std::to_string(WikiService::kMaxPageFiles) + " files attached");
  return OkStatus();
}

// A page's content row takes its space's audience: a community's pages are its content.
void SetAudience(content::ContentHead& head, const Space& s) {
  head.audience = s.audience;
  head.container_id = s.community_id;
}

void Audit(Connection& c, IdGenerator& ids, Id actor, std::string action, std::string kind, Id target, boost::json::object detail,
           const std::string& ip, std::int64_t at) {
  audit::Record(c, {.id = ids.Next(), .actor_id = actor, .action = std::move(action), .target_kind = std::move(kind),
                    .target_id = target, .detail = boost::json::serialize(detail), .ip = ip, .created_at = at});
}

// A page (readable by the viewer) with its space as the viewer sees it.
struct Found {
  Page page;
  SpaceView space;
};
Result<Found> FindPage(Connection& c, const content::Viewer& viewer, Id id, store::Texts texts = store::Texts::kAll) {
  auto p = store::LoadPage(c, id, texts);
  if (!p || !content::CanRead(c, viewer, p->head)) return Error::NotFound("no such page");
  auto space = store::LoadSpace(c, p->space_id);
  if (!space) return Error::NotFound("no such page");
  if (!SeesSpace(c, viewer, *space)) return Error::NotFound("no such page");
  return Found{std::move(*p), ViewOf(c, viewer, std::move(*space))};
}

// `parent` must be a page of the space, and not the page itself or below it.
Status CheckParent(Connection& c, Id space, std::optional<Id> parent, std::optional<Id> moving) {
  if (!parent) return OkStatus();
  for (std::optional<Id> at = parent; at;) {
    if (moving && *at == *moving) return Error::Invalid("parent", "a page cannot be moved below itself");
    auto ref = store::LoadRef(c, *at);
    if (!ref) return Error::Invalid("parent", "no such page in this space");
    at = ref->parent_id;
  }
  auto p = store::LoadPage(c, *parent, store::Texts::kNone);
  if (!p || p->space_id != space) return Error::Invalid("parent", "no such page in this space");
  return OkStatus();
}

// Where a keyset list goes on from: the cursor's number and id, or `key` and `id` when the
// list begins.
struct Position {
  std::int64_t key = 0;
  Id id = 0;
};
Result<Position> PositionOf(std::string_view cursor, std::int64_t key, Id id) {
  if (cursor.empty()) return Position{key, id};
  auto decoded = DecodeCursor(cursor);
  if (!decoded) return decoded.error();
  return Position{std::strtoll(decoded->key.c_str(), nullptr, 10), decoded->id};
}

}  // namespace

std::vector<Id> WikiService::StoreText(Connection& c, const Space& space, Page& page, const std::string& body, Id author,
                                       const std::string& summary, std::int64_t at) {
  auto rendered = Render(c, space, body);
  page.body = body;
  page.body_html = std::move(rendered.html);
  page.toc = std::move(rendered.toc);
  page.updated_at = at;
  page.updated_by = author;
  store::UpdateText(c, page);
  store::InsertRevision(c, {page.head.id, page.revision, author, at, summary, body, 0});
  store::SetLinks(c, page.head.id, space.id, rendered.links);
  content::store::SetTags(c, page.head.id, rendered.tags);
  // The named who may read the page; those not named before are returned (to notify).
  std::vector<Id> mentioned;
  for (const auto& u : rendered.mentioned)
    if (content::CanRead(c, {u.id, u.role}, page.head)) mentioned.push_back(u.id);
  return content::store::AddMentions(c, page.head.id, mentioned);
}

void WikiService::Told(std::vector<Id> people) {
  if (bus_ && !people.empty()) bus_->Publish({.kind = bus::Event::Kind::kNotified, .people = std::move(people)});
}

people::Card WikiService::Card(Id person) {
  return db_.Read([&](Connection& c) { return people::store::CardOf(c, person); });
}

Result<SpaceView> WikiService::CreateSpace(const identity::Principal& who, const NewSpace& in) {
  const content::Viewer me = AsViewer(who);
  if (!me.in_organization()) return Error::Forbidden("guests and alumni do not make wiki spaces");
  auto name = CheckText("name", in.name, 100, false);
  if (!name) return name.error();
  auto handle = text::CheckPlaceHandle(in.handle);
  if (!handle) return handle.error();
  auto description = CheckText("description", in.description, 1000, true);
  if (!description) return description.error();
  if ((in.kind == SpaceKind::kCommunity) != !in.community.empty())
    return Error::Invalid("community", "a community's space names its community, and only it does");
  if (in.kind != SpaceKind::kPeople && !in.members.empty())
    return Error::Invalid("members", "only a people space lists its members");
  const std::int64_t now = clock_.NowMs();
  auto id = db_.Write([&](Connection& c) -> Result<Id> {
    Space s;
    if (in.kind == SpaceKind::kCommunity) {
      auto community = communities::store::FindVisible(c, me, in.community);
      if (!community) return Error::Invalid("community", "no such community");
      if (!community->mine || !community->mine->manages())
        return Error::Forbidden("only a community's owners and moderators make its wiki space");
      s.community_id = community->community.id;
      s.audience = content::Audience::kCommunity;
    } else if (in.kind == SpaceKind::kPeople) {
      s.audience = content::Audience::kRestricted;
    }
    if (store::HandleTaken(c, *handle)) return Error::Taken("handle");
    std::vector<Id> members;
    for (size_t i = 0; i < in.members.size(); ++i) {
      auto person = people::FindVisiblePerson(c, who, in.members[i]);
      if (!person) return Error::Invalid("members[" + std::to_string(i) + "]", "no such person");
      if (*person != who.user.id) members.push_back(*person);
    }
    s.id = ids_.Next();
    s.handle = *handle;
    s.name = *name;
    s.description = *description;
    s.editing = in.editing;
    s.created_by = who.user.id;
    s.created_at = s.updated_at = now;
    store::InsertSpace(c, s);
    store::SetRole(c, s.id, who.user.id, Role::kOwner);
    for (Id m : members) store::SetRole(c, s.id, m, Role::kReader);
    // Its home page, named after it.
    Page home;
    home.head.id = ids_.Next();
    home.head.kind = "wiki_page";
    home.head.author_id = who.user.id;
    SetAudience(home.head, s);
    home.head.created_at = now;
    home.space_id = s.id;
    home.title = s.name;
    home.slug = TitleKey(s.name);
    if (home.slug.empty()) home.slug = "home";
    home.revision = 1;
    home.updated_at = now;
    home.updated_by = who.user.id;
    home.body = s.description;
    content::store::Insert(c, home.head);
    store::InsertPage(c, home);
    if (s.audience == content::Audience::kRestricted) store::AddReaderToPages(c, s.id, who.user.id);
    for (Id m : members) store::AddReaderToPages(c, s.id, m);
    store::AddName(c, s.id, home.slug, home.head.id);
    StoreText(c, s, home, home.body, who.user.id, "", now);
    SetSpaceWatch(c, s.id, who.user.id, true);  // its maker hears of its changes
    s.home_page = home.head.id;
    store::UpdateSpace(c, s);
    store::Recount(c, s.id, 1, now);
    return s.id;
  });
  if (!id) return id.error();
  return GetSpace(me, IdToString(*id));
}

Result<SpaceView> WikiService::GetSpace(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<SpaceView> {
    auto v = FindVisibleSpace(c, viewer, key);
    if (v && viewer.signed_in()) v->watching = WatchesSpace(c, v->space.id, viewer.id);
    return v;
  });
}

Result<bool> WikiService::WatchSpace(const identity::Principal& who, std::string_view key, bool on) {
  const content::Viewer me = AsViewer(who);
  return db_.Write([&](Connection& c) -> Result<bool> {
    auto v = FindVisibleSpace(c, me, key);
    if (!v) return v.error();
    SetSpaceWatch(c, v->space.id, me.id, on);
    return on;
  });
}

Result<SpaceView> WikiService::MayImport(const identity::Principal& who, std::string_view key) {
  const content::Viewer me = AsViewer(who);
  return db_.Read([&](Connection& c) -> Result<SpaceView> {
    auto v = FindVisibleSpace(c, me, key);
    if (!v) return v.error();
    if (v->mine != Role::kOwner && who.user.role != identity::Role::kAdmin) return Error::Forbidden("only the space's owners import pages into it");
    return v;
  });
}

namespace {
// An author as the source names them, matched to an account here: by handle ("Ana Berg" ->
// ana_berg, ana.berg, anaberg) or by the name shown.
std::optional<Id> MatchAuthor(Connection& c, const std::string& name) {
  if (name.empty()) return std::nullopt;
  const std::string lower = text::AsciiLower(text::Trim(name));
  for (const char joiner : {'_', '.', '\0', '-'}) {
    std::string handle;
    for (char ch : lower)
      if (ch != ' ') handle.push_back(ch);
      else if (joiner) handle.push_back(joiner);
    if (auto id = people::store::FindIdByHandle(c, handle)) return id;
  }
  auto q = c.Prepare("SELECT id FROM users WHERE lower(display_name) = ?1 AND active = 1 LIMIT 2", lower);
  if (!q.Next()) return std::nullopt;
  const Id id = q.Int(0);
  return q.Next() ? std::nullopt : std::optional<Id>(id);  // two people of that name: neither
}
}  // namespace

Result<ImportReport> WikiService::Import(const identity::Principal& who, std::string_view key, ImportSource source, const std::string& ip,
                                         const std::function<void(size_t, size_t)>& progress) {
  auto space = MayImport(who, key);
  if (!space) return space.error();
  const Space s = space->space;
  const std::int64_t now = clock_.NowMs();
  ImportReport report;
  report.left_out = std::move(source.left_out);
  std::map<std::string, std::optional<Id>> authors;
  auto author_of = [&](Connection& c, const std::string& name) -> std::optional<Id> {
    auto it = authors.find(name);
    if (it == authors.end()) {
      it = authors.emplace(name, MatchAuthor(c, name)).first;
      if (!it->second && !name.empty()) report.unknown_people.push_back(name);
    }
    return it->second;
  };
  constexpr size_t kPagesPerTransaction = 25;
  const size_t total = source.pages.size();
  for (size_t begin = 0; begin < total; begin += kPagesPerTransaction) {
    const size_t end = std::min(total, begin + kPagesPerTransaction);
    db_.Write([&](Connection& c) {
      for (size_t i = begin; i < end; ++i) {
        ImportPage& in = source.pages[i];
        auto title = CheckTitle(in.title);
        const std::string slug = title ? TitleKey(*title) : "";
        if (!title || slug.empty() || text::ReadsAsId(slug)) {
          report.skipped.push_back(in.title + ": " + (title ? "a title needs a letter" : title.error().message));
          continue;
        }
        if (auto other = store::PageNamed(c, s.id, slug)) {
          auto ref = store::LoadRef(c, *other);
          if (ref && ref->slug == slug) {
            report.skipped.push_back(in.title + ": the space has a page of that title");
            continue;
          }
        }
        std::optional<Id> parent;
        if (!in.parent.empty()) parent = store::PageNamed(c, s.id, TitleKey(in.parent));
        // Each revision's author, or the importer with the old wiki's name in its summary.
        auto by = [&](ImportRevision& r) {
          auto id = author_of(c, r.author);
          if (!id && !r.author.empty()) r.summary = "(" + r.author + ") " + r.summary;
          if (r.at <= 0) r.at = now;
          return id.value_or(who.user.id);
        };
        Page p;
        p.head.id = ids_.Next();
        p.head.kind = "wiki_page";
        p.head.author_id = by(in.revisions.front());
        SetAudience(p.head, s);
        p.head.created_at = in.revisions.front().at;
        p.space_id = s.id;
        p.parent_id = parent;
        p.position = store::NextPosition(c, s.id, parent);
        p.title = *title;
        p.slug = slug;
        p.revision = 1;
        p.updated_at = p.head.created_at;
        p.updated_by = p.head.author_id;
        p.owner_id = who.user.id;
        content::store::Insert(c, p.head);
        store::InsertPage(c, p);
        if (s.audience == content::Audience::kRestricted)
          for (const auto& [person, role] : store::Members(c, s.id)) content::store::AddReaders(c, p.head.id, {person});
        const auto had_name = store::PageNamed(c, s.id, slug);
        store::AddName(c, s.id, slug, p.head.id);
        store::MarkLinkersStale(c, s.id, slug);
        // The history as it was; the last revision rendered as a save would.
        for (size_t k = 0; k + 1 < in.revisions.size(); ++k) {
          auto& r = in.revisions[k];
          const Id author = k == 0 ? p.head.author_id : by(r);
          store::InsertRevision(c, {p.head.id, static_cast<int>(k + 1), author, r.at, r.summary.substr(0, kMaxSummary), r.text, 0});
        }
        auto& last = in.revisions.back();
        const Id last_author = in.revisions.size() == 1 ? p.head.author_id : by(last);
        p.revision = static_cast<int>(in.revisions.size());
        StoreText(c, s, p, last.text, last_author, last.summary.substr(0, kMaxSummary), last.at);
        store::RecountLinkers(c, p.head.id);
        if (had_name) store::RecountLinkers(c, *had_name);
        ++report.pages;
        report.revisions += static_cast<std::int64_t>(in.revisions.size());
      }
      store::Recount(c, s.id, 0, now);
    });
    if (progress) progress(end, total);
  }
  db_.Write([&](Connection& c) {
    // Old titles lead to their pages, as the old wiki's redirects did.
    for (const auto& [from, to] : source.redirects) {
      const auto page = store::PageNamed(c, s.id, TitleKey(to));
      const std::string old_key = TitleKey(from);
      if (!page || old_key.empty() || store::PageNamed(c, s.id, old_key)) continue;
      store::AddName(c, s.id, old_key, *page);
      store::MarkLinkersStale(c, s.id, old_key);
      store::RecountLinkers(c, *page);
      ++report.redirects;
    }
    c.Prepare("UPDATE wiki_spaces SET page_count = (SELECT count(*) FROM wiki_pages WHERE space_id = ?1) WHERE id = ?1", s.id).Run();
    Audit(c, ids_, who.user.id, "wiki_space.import", "wiki_space", s.id,
          {{"pages", report.pages}, {"revisions", report.revisions}, {"redirects", report.redirects},
           {"skipped", static_cast<std::int64_t>(report.skipped.size())}},
          ip, now);
  });
  return report;
}

int WikiService::RemindDueReviews() {
  const std::int64_t now = clock_.NowMs();
  constexpr const char* kDue =
      "SELECT content_id, owner_id FROM wiki_pages WHERE review_by IS NOT NULL AND review_reminded = 0 AND review_by <= ?1"
      " ORDER BY review_by LIMIT 500";
  // Looked for every second: a read of an index that holds only the pages still to remind.
  if (!db_.Read([&](Connection& c) { return c.Prepare(kDue, now).Next(); })) return 0;
  std::vector<Id> told;
  const int n = db_.Write([&](Connection& c) {
    std::vector<std::pair<Id, std::optional<Id>>> due;
    for (auto q = c.Prepare(kDue, now); q.Next();) due.emplace_back(q.Int(0), q.OptInt(1));
    for (const auto& [page, owner] : due) {
      c.Prepare("UPDATE wiki_pages SET review_reminded = 1 WHERE content_id = ?1", page).Run();
      if (!owner) continue;
      auto user = identity::store::FindUserById(c, *owner);
      auto p = store::LoadPage(c, page);
      auto space = p ? store::LoadSpace(c, p->space_id) : std::nullopt;
      if (!user || !user->user.active || !space) continue;
      const content::Viewer v{user->user.id, user->user.role};
      if (!content::CanRead(c, v, p->head) || !SeesSpace(c, v, *space)) continue;  // no longer theirs to read
      if (notifications::Notify(c, ids_, {notifications::Kind::kWikiReview, *owner, *owner, page}, now)) told.push_back(*owner);
    }
    return static_cast<int>(due.size());
  });
  Told(std::move(told));
  return n;
}

Result<bool> WikiService::MayEdit(const content::Viewer& viewer, Id page) {
  return db_.Read([&](Connection& c) -> Result<bool> {
    auto found = FindPage(c, viewer, page);
    if (!found) return found.error();
    return found->space.can_edit;
  });
}

Result<bool> WikiService::WatchPage(const identity::Principal& who, Id page, bool on) {
  const content::Viewer me = AsViewer(who);
  return db_.Write([&](Connection& c) -> Result<bool> {
    auto found = FindPage(c, me, page);
    if (!found) return found.error();
    SetPageWatch(c, page, me.id, on);
    return on;
  });
}

Result<SpacePage> WikiService::Spaces(const content::Viewer& viewer, std::string_view community, std::string_view cursor, int limit) {
  auto at = PositionOf(cursor, INT64_MAX, INT64_MAX);
  if (!at) return at.error();
  std::int64_t before = at->key;  // moves on as the batches are read
  Id before_id = at->id;
  return db_.Read([&](Connection& c) -> Result<SpacePage> {
    std::optional<Id> community_id;
    if (!community.empty()) {
      auto found = communities::store::FindVisible(c, viewer, community);
      if (!found) return found.error();
      community_id = found->community.id;
    }
    SpacePage out;
    // Reads ahead in batches, keeping those the viewer sees, until the page is full.
    for (int rounds = 0; rounds < 50 && static_cast<int>(out.items.size()) < limit; ++rounds) {
      auto batch = store::Spaces(c, community_id, before, before_id, 200);
      for (auto& s : batch) {
        before = s.updated_at;
        before_id = s.id;
        if (!SeesSpace(c, viewer, s)) continue;
        out.items.push_back(wiki::ViewOf(c, viewer, std::move(s)));
        if (static_cast<int>(out.items.size()) == limit) break;
      }
      if (batch.size() < 200) {
        if (static_cast<int>(out.items.size()) < limit) return out;
        break;
      }
    }
    if (!out.items.empty() && static_cast<int>(out.items.size()) == limit) {
      const Space& last = out.items.back().space;
      out.next_cursor = EncodeCursor({std::to_string(last.updated_at), last.id});
    }
    return out;
  });
}

Result<SpaceView> WikiService::ChangeSpace(const identity::Principal& who, std::string_view key, const SpaceChange& ch,
                                           const std::string& ip) {
  std::optional<std::string> name, description;
  if (ch.name) {
    auto n = CheckText("name", *ch.name, 100, false);
    if (!n) return n.error();
    name = *n;
  }
  if (ch.description) {
    auto d = CheckText("description", *ch.description, 1000, true);
    if (!d) return d.error();
    description = *d;
  }
  const content::Viewer me = AsViewer(who);
  return db_.Write([&](Connection& c) -> Result<SpaceView> {
    auto v = FindVisibleSpace(c, me, key);
    if (!v) return v.error();
    if (v->mine != Role::kOwner) return Error::Forbidden("only a space's owners change it");
    boost::json::object detail;
    if (name) v->space.name = *name, detail["name"] = *name;
    if (description) v->space.description = *description, detail["description"] = *description;
    if (ch.editing) v->space.editing = *ch.editing, detail["editing"] = *ch.editing == Editing::kEditors ? "editors" : "readers";
    store::UpdateSpace(c, v->space);
    Audit(c, ids_, who.user.id, "wiki_space.change", "wiki_space", v->space.id, std::move(detail), ip, clock_.NowMs());
    return wiki::ViewOf(c, me, v->space);
  });
}

Result<SpaceView> WikiService::SetRole(const identity::Principal& who, std::string_view key, std::string_view person,
                                       std::optional<Role> role, const std::string& ip) {
  const content::Viewer me = AsViewer(who);
  return db_.Write([&](Connection& c) -> Result<SpaceView> {
    auto v = FindVisibleSpace(c, me, key);
    if (!v) return v.error();
    if (v->mine != Role::kOwner) return Error::Forbidden("only a space's owners give roles");
    auto id = people::FindVisiblePerson(c, who, person);
    if (!id) return id.error();
    auto before = store::RoleOf(c, v->space.id, *id);
    if (before == Role::kOwner && role != Role::kOwner && store::OwnerCount(c, v->space.id) <= 1)
      return Error::Conflict("a space keeps at least one owner");
    if (role) store::SetRole(c, v->space.id, *id, *role);
    else store::RemoveRole(c, v->space.id, *id);
    if (v->space.audience == content::Audience::kRestricted) {
      if (role && !before) store::AddReaderToPages(c, v->space.id, *id);
      if (!role && before) store::RemoveReaderFromPages(c, v->space.id, *id);
      // Search holds who reads each page.
      c.Prepare("INSERT INTO search_queue(doc_key) SELECT 'wiki_page:' || content_id FROM wiki_pages WHERE space_id = ?1", v->space.id).Run();
    }
    boost::json::object detail{{"person", IdToString(*id)},
                               {"from", before ? boost::json::value(RoleName(*before)) : boost::json::value(nullptr)},
                               {"to", role ? boost::json::value(RoleName(*role)) : boost::json::value(nullptr)}};
    Audit(c, ids_, who.user.id, "wiki_space.role", "wiki_space", v->space.id, std::move(detail), ip, clock_.NowMs());
    return wiki::ViewOf(c, me, v->space);
  });
}

Result<std::vector<Member>> WikiService::Members(const content::Viewer& viewer, std::string_view key) {
  return db_.Read([&](Connection& c) -> Result<std::vector<Member>> {
    auto v = FindVisibleSpace(c, viewer, key);
    if (!v) return v.error();
    std::vector<Member> out;
    for (const auto& [person, role] : store::Members(c, v->space.id)) out.push_back({people::store::CardOf(c, person), role});
    return out;
  });
}

Result<PageView> WikiService::CreatePage(const identity::Principal& who, std::string_view key, const NewPage& in) {
  auto title = CheckTitle(in.title);
  if (!title) return title.error();
  auto body = CheckPageBody(in.body);
  if (!body) return body.error();
  auto summary = CheckText("summary", in.summary, kMaxSummary, true);
  if (!summary) return summary.error();
  const content::Viewer me = AsViewer(who);
  const std::int64_t now = clock_.NowMs();
  std::vector<Id> told;
  auto id = db_.Write([&](Connection& c) -> Result<Id> {
    auto v = FindVisibleSpace(c, me, key);
    if (!v) return v.error();
    if (!v->can_edit) return Error::Forbidden("only the space's editors write its pages");
    const std::string slug = TitleKey(*title);
    if (slug.empty() || text::ReadsAsId(slug)) return Error::Invalid("title", "a title needs a letter");
    if (auto other = store::PageNamed(c, v->space.id, slug)) {
      auto ref = store::LoadRef(c, *other);
      if (ref && ref->slug == slug) return Error::Taken("title");
    }
    if (auto st = CheckParent(c, v->space.id, in.parent, std::nullopt); !st) return st.error();
    Page p;
    p.head.id = ids_.Next();
    p.head.kind = "wiki_page";
    p.head.author_id = who.user.id;
    SetAudience(p.head, v->space);
    p.head.created_at = now;
    p.head.language = in.language;
    p.space_id = v->space.id;
    p.parent_id = in.parent;
    p.position = store::NextPosition(c, v->space.id, in.parent);
    p.title = *title;
    p.slug = slug;
    p.revision = 1;
    p.updated_at = now;
    p.updated_by = who.user.id;
    p.owner_id = who.user.id;
    content::store::Insert(c, p.head);
    store::InsertPage(c, p);
    if (v->space.audience == content::Audience::kRestricted)
      for (const auto& [person, role] : store::Members(c, v->space.id)) content::store::AddReaders(c, p.head.id, {person});
    // The name was an old title of another page (a redirect) or a missing link's: it is
    // this page's now, and the pages that link to it render again.
    const auto had_name = store::PageNamed(c, v->space.id, slug);
    store::AddName(c, v->space.id, slug, p.head.id);
    store::MarkLinkersStale(c, v->space.id, slug);
    auto mentioned = StoreText(c, v->space, p, *body, who.user.id, *summary, now);
    if (!images::AttachTo(c, p.head.id, who.user.id, images::NamedIn(*body), kMaxPageImages))
      return Error::Invalid("body", "a page shows at most " + std::to_string(kMaxPageImages) + " pictures");
    if (auto st = AttachFiles(c, p.head.id, who.user.id, *body); !st) return st.error();
    // The links to the name are this page's now, not the page that had it before.
    store::RecountLinkers(c, p.head.id);
    if (had_name) store::RecountLinkers(c, *had_name);
    store::Recount(c, v->space.id, 1, now);
    told = AfterSave(c, ids_, {v->space, p, who.user.id, *summary, std::move(mentioned), now});
    return p.head.id;
  });
  if (!id) return id.error();
  Told(std::move(told));
  return GetPage(me, *id);
}

PageView WikiService::ViewOf(Connection& c, const content::Viewer& viewer, Page p, SpaceView space, bool* same_for_all) {
  PageView v;
  if (p.html_stale) {
    // A page it links to came, went or was renamed since it was rendered (the stored HTML
    // is brought up to date by the next save; reads render it meanwhile).
    auto rendered = Render(c, space.space, p.body);
    p.body_html = std::move(rendered.html);
    p.toc = std::move(rendered.toc);
  }
  if (same_for_all) *same_for_all = !p.html_stale && !LinksOtherSpaces(space.space, p.body_html);
  p.body_html = ForReader(c, viewer, space.space, p.body_html);
  v.breadcrumbs = store::Ancestors(c, p.head.id);
  v.backlink_count = store::BacklinkCount(c, viewer, p);
  v.updated_by = people::store::CardOf(c, p.updated_by);
  if (viewer.signed_in()) std::tie(v.watching, space.watching) = Watching(c, p.head.id, space.space.id, viewer.id);
  v.space = std::move(space);
  v.page = std::move(p);
  return v;
}

PageView WikiService::Readable(Connection& c, const content::Viewer& viewer, Page head, SpaceView space, std::uint64_t generation) {
  if (!head.html_stale)
    if (auto kept = pages_.Get(head.head.id, head.revision)) {
      PageView v;
      v.cached = std::move(kept);
      v.backlink_count = store::BacklinkCount(c, viewer, head);
      if (viewer.signed_in()) std::tie(v.watching, space.watching) = Watching(c, head.head.id, space.space.id, viewer.id);
      v.space = std::move(space);
      v.page = std::move(head);
      return v;
    }
  // (In the same read transaction as the row: the page is there.)
  auto page = store::LoadPage(c, head.head.id);
  bool same_for_all = false;
  PageView v = ViewOf(c, viewer, page ? std::move(*page) : std::move(head), std::move(space), &same_for_all);
  // (Kept only from a read that nothing committed since began: bus.h.)
  if (same_for_all && db_.ReadIsCurrent()) Keep(v, generation);
  return v;
}

void WikiService::Apply(const bus::Event& e) {
  using Kind = bus::Event::Kind;
  if (e.kind == Kind::kWikiTreeChanged || e.kind == Kind::kAccountChanged) pages_.Forget();
  if (e.kind == Kind::kProfileChanged) pages_.ForgetCards(e.people);
}

void WikiService::TreeChanged(Id page) {
  if (bus_)
    bus_->Publish({.kind = bus::Event::Kind::kWikiTreeChanged, .content_id = page});  // Apply runs at once, here
  else
    pages_.Forget();
}

void WikiService::Keep(PageView& v, std::uint64_t generation) {
  v.cached = pages_.Put(v.page.head.id, v.page.revision, generation, v.page.updated_by, json::PageFixedText(v));
}

Result<PageView> WikiService::GetPage(const content::Viewer& viewer, std::string_view key, std::string_view slug) {
  return db_.Read([&](Connection& c) -> Result<PageView> {
    const auto generation = pages_.generation();
    auto space = FindVisibleSpace(c, viewer, key);
    if (!space) return space.error();
    const std::string wanted = TitleKey(slug);
    auto id = store::PageNamed(c, space->space.id, wanted);
    if (!id) return Error::NotFound("no such page");
    // The page's audience is its space's, which the viewer sees (a people space's pages list
    // their readers: asked all the same).
    auto page = store::LoadPage(c, *id, store::Texts::kNone);
    if (!page || !content::CanRead(c, viewer, page->head)) return Error::NotFound("no such page");
    auto v = Readable(c, viewer, std::move(*page), std::move(*space), generation);
    if (v.page.slug != wanted) v.redirected_from = wanted;
    return v;
  });
}

Result<PageView> WikiService::GetPage(const content::Viewer& viewer, Id page) {
  return db_.Read([&](Connection& c) -> Result<PageView> {
    const auto generation = pages_.generation();
    auto found = FindPage(c, viewer, page, store::Texts::kNone);
    if (!found) return found.error();
    return Readable(c, viewer, std::move(found->page), std::move(found->space), generation);
  });
}

Result<SaveOutcome> WikiService::Save(const identity::Principal& who, Id page, const PageSave& in) {
  auto body = CheckPageBody(in.body);
  if (!body) return body.error();
  auto summary = CheckText("summary", in.summary, kMaxSummary, true);
  if (!summary) return summary.error();
  if (in.base_revision < 1) return Error::Required("base_revision");
  const content::Viewer me = AsViewer(who);
  const std::int64_t now = clock_.NowMs();
  const auto generation = pages_.generation();
  std::vector<Id> told;
  bool same_for_all = false;
  auto outcome = db_.Write([&](Connection& c) -> Result<SaveOutcome> {
    auto found = FindPage(c, me, page, store::Texts::kBody);  // (its HTML is made again)
    if (!found) return found.error();
    if (!found->space.can_edit) return Error::Forbidden("only the space's editors edit its pages");
    Page& p = found->page;
    if (in.base_revision > p.revision) return Error::Invalid("base_revision", "the page has no such revision yet");
    SaveOutcome out;
    std::string text = *body;
    if (in.base_revision < p.revision) {
      // Someone saved since the writer began: both changes are kept where they do not touch
      // the same lines.
      auto base = store::LoadRevision(c, page, in.base_revision);
      if (!base) return Error::Invalid("base_revision", "no such revision");
      auto merged = MergeThreeWay(base->body, p.body, *body);
      if (!merged.clean) {
        out.conflict = std::move(merged.passages);
        out.current_revision = p.revision;
        out.current_body = p.body;
        return out;
      }
      out.merged = true;
      text = std::move(merged.text);
    }
    if (text != p.body) {
      ++p.revision;
      auto mentioned = StoreText(c, found->space.space, p, text, who.user.id, *summary, now);
      // Pictures the writer uploaded and named: readable by the page's readers from now on.
      if (!images::AttachTo(c, page, who.user.id, images::NamedIn(text), kMaxPageImages))
        return Error::Invalid("body", "a page shows at most " + std::to_string(kMaxPageImages) + " pictures");
      if (auto st = AttachFiles(c, page, who.user.id, text); !st) return st.error();
      content::store::MarkEdited(c, page, now);
      store::Recount(c, p.space_id, 0, now);
      told = AfterSave(c, ids_, {found->space.space, p, who.user.id, *summary, std::move(mentioned), now});
      p.html_stale = false;
      out.changed = true;
    }
    out.current_revision = p.revision;
    // The answer is the page as written (not loaded again: a save of 100 KB would read 200).
    if (out.changed) out.page = ViewOf(c, me, std::move(p), std::move(found->space), &same_for_all);
    return out;
  });
  if (!outcome) return outcome.error();
  Told(std::move(told));
  if (same_for_all) Keep(*outcome->page, generation);  // committed: its next readers take it from here
  if (outcome->conflict.empty() && !outcome->page) {  // nothing to save: the page as it is
    auto v = GetPage(me, page);
    if (!v) return v.error();
    outcome->page = std::move(*v);
  }
  return outcome;
}

Result<PageView> WikiService::Change(const identity::Principal& who, Id page, const PageChange& ch) {
  std::optional<std::string> title;
  if (ch.title) {
    auto t = CheckTitle(*ch.title);
    if (!t) return t.error();
    title = *t;
  }
  const content::Viewer me = AsViewer(who);
  auto done = db_.Write([&](Connection& c) -> Result<Id> {
    auto found = FindPage(c, me, page);
    if (!found) return found.error();
    Page& p = found->page;
    const bool moves = ch.parent || ch.position || ch.title;
    if (moves && !found->space.can_manage && !(found->space.can_edit && p.head.author_id == who.user.id))
      return Error::Forbidden("only the space's owners and editors move and rename its pages");
    if ((ch.owner || ch.review_by) && !found->space.can_edit) return Error::Forbidden("only the space's editors set a page's review");
    if (title && *title != p.title) {
      const std::string slug = TitleKey(*title);
      if (slug.empty() || text::ReadsAsId(slug)) return Error::Invalid("title", "a title needs a letter");
      if (slug != p.slug) {
        if (auto other = store::PageNamed(c, p.space_id, slug); other && *other != page) {
          auto ref = store::LoadRef(c, *other);
          if (ref && ref->slug == slug) return Error::Taken("title");
        }
        // The old name stays the page's (a redirect): links and addresses by it still lead here.
        const auto had_name = store::PageNamed(c, p.space_id, slug);
        store::AddName(c, p.space_id, slug, page);
        store::RecountLinkers(c, page);
        if (had_name && *had_name != page) store::RecountLinkers(c, *had_name);
        store::MarkLinkersStale(c, p.space_id, slug);
        store::MarkLinkersStale(c, p.space_id, p.slug);
      }
      store::Rename(c, page, *title, slug);
    }
    if (ch.parent || ch.position) {
      std::optional<Id> parent = ch.parent ? *ch.parent : p.parent_id;
      if (auto st = CheckParent(c, p.space_id, parent, page); !st) return st.error();
      std::int64_t position = ch.position ? *ch.position : (parent == p.parent_id ? p.position : store::NextPosition(c, p.space_id, parent));
      if (ch.position) store::MakeRoom(c, p.space_id, parent, position, page);
      store::Move(c, page, parent, position);
    }
    if (ch.owner || ch.review_by) {
      std::optional<Id> owner = p.owner_id;
      if (ch.owner) {
        owner.reset();
        if (*ch.owner) {
          auto id = people::FindVisiblePerson(c, who, **ch.owner);
          if (!id) return Error::Invalid("owner", "no such person");
          owner = *id;
        }
      }
      store::SetReview(c, page, owner, ch.review_by ? *ch.review_by : p.review_by);
    }
    return page;
  });
  if (!done) return done.error();
  if (ch.parent || ch.position || ch.title) TreeChanged(page);  // the breadcrumbs of the pages below it
  return GetPage(me, page);
}

Status WikiService::DeletePage(const identity::Principal& who, Id page, const std::string& ip) {
  const content::Viewer me = AsViewer(who);
  auto done = db_.Write([&](Connection& c) -> Status {
    auto found = FindPage(c, me, page);
    if (!found) return found.error();
    const Page& p = found->page;
    if (!found->space.can_manage && !(found->space.can_edit && p.head.author_id == who.user.id))
      return Error::Forbidden("only the space's owners and editors delete its pages");
    if (found->space.space.home_page == page) return Error::Conflict("a space's home page is not deleted");
    // Links to any of its names show as missing from now on.
    auto names = c.Prepare("SELECT name_key FROM wiki_names WHERE page_id = ?1", page);
    std::vector<std::string> keys;
    while (names.Next()) keys.push_back(names.Text(0));
    for (const auto& k : keys) store::MarkLinkersStale(c, p.space_id, k);
    store::LiftChildren(c, p.space_id, page, p.parent_id);
    const auto linked = store::LinkedPages(c, page);
    content::store::Delete(c, page);
    for (Id target : linked)
      if (target != page) store::RecountLinkers(c, target);
    store::Recount(c, p.space_id, -1, 0);
    Audit(c, ids_, who.user.id, "wiki_page.delete", "content", page, {{"title", p.title}, {"space", IdToString(p.space_id)}}, ip,
          clock_.NowMs());
    return OkStatus();
  });
  if (done) TreeChanged(page);  // its children moved up
  return done;
}

Result<std::vector<files::File>> WikiService::Attachments(const content::Viewer& viewer, Id page) {
  return db_.Read([&](Connection& c) -> Result<std::vector<files::File>> {
    auto found = FindPage(c, viewer, page, store::Texts::kNone);
    if (!found) return found.error();
    return files::store::OfContent(c, page);
  });
}

Result<RevisionPage> WikiService::History(const content::Viewer& viewer, Id page, std::string_view cursor, int limit) {
  auto at = PositionOf(cursor, 0, INT_MAX);
  if (!at) return at.error();
  const int before = static_cast<int>(std::clamp<Id>(at->id, 0, INT_MAX));
  return db_.Read([&](Connection& c) -> Result<RevisionPage> {
    auto found = FindPage(c, viewer, page);
    if (!found) return found.error();
    RevisionPage out;
    out.items = store::Revisions(c, page, before, limit);
    if (static_cast<int>(out.items.size()) == limit && out.items.back().number > 1)
      out.next_cursor = EncodeCursor({"", out.items.back().number});
    return out;
  });
}

Result<Revision> WikiService::GetRevision(const content::Viewer& viewer, Id page, int number) {
  return db_.Read([&](Connection& c) -> Result<Revision> {
    auto found = FindPage(c, viewer, page);
    if (!found) return found.error();
    auto r = store::LoadRevision(c, page, number);
    if (!r) return Error::NotFound("no such revision");
    return std::move(*r);
  });
}

Result<std::vector<DiffHunk>> WikiService::Diff(const content::Viewer& viewer, Id page, int from, int to) {
  return db_.Read([&](Connection& c) -> Result<std::vector<DiffHunk>> {
    auto found = FindPage(c, viewer, page);
    if (!found) return found.error();
    if (to == 0) to = found->page.revision;
    auto a = store::LoadRevision(c, page, from);
    if (!a) return Error::Invalid("from", "no such revision");
    auto b = store::LoadRevision(c, page, to);
    if (!b) return Error::Invalid("to", "no such revision");
    return DiffTexts(a->body, b->body);
  });
}

Result<Book> WikiService::MakeBook(const content::Viewer& viewer, std::string_view key, std::optional<Id> page, bool below) {
  const std::int64_t now = clock_.NowMs();
  return db_.Read([&](Connection& c) -> Result<Book> {
    // A page's book may name the page alone: its space is the page's.
    std::string space_key(key);
    if (space_key.empty() && page) {
      auto p = store::LoadPage(c, *page);
      if (!p) return Error::NotFound("no such page");
      space_key = IdToString(p->space_id);
    }
    auto space = FindVisibleSpace(c, viewer, space_key);
    if (!space) return space.error();
    Book book;
    book.space_handle = space->space.handle;
    book.space_name = space->space.name;
    book.made_at = now;
    if (auto me = identity::store::FindUserById(c, viewer.id)) {
      book.language = identity::store::LanguageOf(c, me->user);
      book.made_by = me->user.display_name;
    }
    // The pages in the tree's order, depth first: (page, depth); a level is read only for a
    // page that has one.
    struct Next {
      Id id;
      int depth;
      bool has_children;
    };
    std::vector<Next> stack;
    auto push_children = [&](std::optional<Id> parent, int depth) {
      auto kids = store::Children(c, space->space.id, parent, static_cast<int>(kMaxBookPages) + 1);
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({it->id, depth, it->has_children});
    };
    if (page) {
      auto top = store::LoadRef(c, *page);
      auto p = top ? store::LoadPage(c, *page) : std::nullopt;
      if (!p || p->space_id != space->space.id || !content::CanRead(c, viewer, p->head)) return Error::NotFound("no such page");
      book.title = top->title;
      stack.push_back({*page, 0, below && top->has_children});
    } else {
      book.title = space->space.name;
      book.description = space->space.description;
      push_children(std::nullopt, 0);
    }
    std::vector<std::pair<Id, int>> order;
    while (!stack.empty()) {
      const Next next = stack.back();
      stack.pop_back();
      order.emplace_back(next.id, next.depth);
      if (order.size() > kMaxBookPages)
        return Error::Invalid("scope", "a book holds at most " + std::to_string(kMaxBookPages) + " pages")
            .Because("too_many", static_cast<std::int64_t>(kMaxBookPages));
      if (next.has_children) push_children(next.id, next.depth + 1);
    }
    for (const auto& [id, depth] : order) {
      auto p = store::LoadPage(c, id);
      if (!p || !content::CanRead(c, viewer, p->head)) continue;
      if (p->html_stale) p->body_html = Render(c, space->space, p->body).html;
      const auto editor = people::store::CardOf(c, p->updated_by);
      book.chapters.push_back({id, depth, p->title, p->slug, ForReader(c, viewer, space->space, p->body_html),
                               editor.display_name + " · " + FormatRfc3339(p->updated_at).substr(0, 10) + " · r" +
                                   std::to_string(p->revision)});
    }
    return book;
  });
}

Result<BlameView> WikiService::Blame(const content::Viewer& viewer, Id page) {
  return db_.Read([&](Connection& c) -> Result<BlameView> {
    auto found = FindPage(c, viewer, page);
    if (!found) return found.error();
    BlameView out;
    out.revision = found->page.revision;
    out.first_revision = std::max(1, out.revision - kBlameRevisions + 1);
    // One revision's text at a time: a long history of a large page is never held whole.
    BlameBuilder builder;
    for (auto q = c.Prepare("SELECT number, author_id, created_at, body FROM wiki_revisions WHERE page_id = ?1 AND number >= ?2"
                            " ORDER BY number",
                            page, out.first_revision);
         q.Next();)
      builder.Add(static_cast<int>(q.Int(0)), q.Int(1), q.Int(2), q.Text(3));
    out.paragraphs = builder.Paragraphs();
    return out;
  });
}

Result<SaveOutcome> WikiService::Restore(const identity::Principal& who, Id page, int number, const std::string& summary) {
  const content::Viewer me = AsViewer(who);
  auto old = GetRevision(me, page, number);
  if (!old) return old.error();
  // Saved over the current revision as it is (GetRevision asked whether the reader may read
  // the page): a restore replaces the text whole.
  const int current = db_.Read([&](Connection& c) {
    auto p = store::LoadPage(c, page);
    return p ? p->revision : 0;
  });
  return Save(who, page, {old->body, summary.empty() ? "Restored revision " + std::to_string(number) : summary, current});
}

Result<RefPage> WikiService::Backlinks(const content::Viewer& viewer, Id page, std::string_view cursor, int limit) {
  auto at = PositionOf(cursor, 0, 0);
  if (!at) return at.error();
  const Id after = at->id;
  return db_.Read([&](Connection& c) -> Result<RefPage> {
    auto found = FindPage(c, viewer, page);
    if (!found) return found.error();
    RefPage out;
    auto ids = store::Backlinks(c, viewer, page, after, limit);
    for (Id id : ids)
      if (auto ref = store::LoadRef(c, id)) out.items.push_back(std::move(*ref));
    if (static_cast<int>(ids.size()) == limit) out.next_cursor = EncodeCursor({"", ids.back()});
    return out;
  });
}

Result<BrokenLinkPage> WikiService::BrokenLinks(const content::Viewer& viewer, std::string_view key, std::string_view cursor, int limit) {
  auto at = PositionOf(cursor, 0, 0);
  if (!at) return at.error();
  const Id after = at->id;
  return db_.Read([&](Connection& c) -> Result<BrokenLinkPage> {
    auto v = FindVisibleSpace(c, viewer, key);
    if (!v) return v.error();
    BrokenLinkPage out;
    // Whole pages per cursor step: a page's broken links are listed together.
    auto rows = store::BrokenLinks(c, v->space.id, after, limit * 4);
    std::unordered_map<Id, std::optional<Space>> spaces;
    Id last = 0;
    for (auto& [from, target] : rows) {
      if (static_cast<int>(out.items.size()) >= limit && from != last) {
        out.next_cursor = EncodeCursor({"", last});
        break;
      }
      last = from;
      auto ref = store::LoadRef(c, from);
      if (!ref) continue;
      auto it = spaces.find(target.first);
      if (it == spaces.end()) it = spaces.emplace(target.first, store::LoadSpace(c, target.first)).first;
      // A link into a space the reader may not see is not theirs to know of.
      if (!it->second) continue;
      if (!SeesSpace(c, viewer, *it->second)) continue;
      out.items.push_back({std::move(*ref), it->second->handle, target.second});
    }
    return out;
  });
}

Result<std::vector<PageRef>> WikiService::Children(const content::Viewer& viewer, std::string_view key, std::optional<Id> parent) {
  return db_.Read([&](Connection& c) -> Result<std::vector<PageRef>> {
    auto v = FindVisibleSpace(c, viewer, key);
    if (!v) return v.error();
    if (parent) {
      auto p = store::LoadPage(c, *parent);
      if (!p || p->space_id != v->space.id) return Error::Invalid("parent", "no such page in this space");
    }
    return store::Children(c, v->space.id, parent, 1000);
  });
}

Result<RefPage> WikiService::MostRead(const content::Viewer& viewer, std::string_view key, std::string_view cursor, int limit) {
  auto at = PositionOf(cursor, INT64_MAX, INT64_MAX);
  if (!at) return at.error();
  const std::int64_t below = at->key;
  const Id below_id = at->id;
  return db_.Read([&](Connection& c) -> Result<RefPage> {
    auto v = FindVisibleSpace(c, viewer, key);
    if (!v) return v.error();
    RefPage out;
    out.items = store::MostRead(c, v->space.id, below, below_id, limit);
    if (static_cast<int>(out.items.size()) == limit)
      out.next_cursor = EncodeCursor({std::to_string(out.items.back().view_count), out.items.back().id});
    return out;
  });
}

Result<RefPage> WikiService::NeedsReview(const content::Viewer& viewer, std::string_view key, std::string_view cursor, int limit) {
  auto at = PositionOf(cursor, INT64_MIN, 0);
  if (!at) return at.error();
  const std::int64_t after = at->key;
  const Id after_id = at->id;
  const std::int64_t now = clock_.NowMs();
  return db_.Read([&](Connection& c) -> Result<RefPage> {
    auto v = FindVisibleSpace(c, viewer, key);
    if (!v) return v.error();
    RefPage out;
    out.items = store::DueForReview(c, v->space.id, now, after, after_id, limit);
    if (static_cast<int>(out.items.size()) == limit)
      out.next_cursor = EncodeCursor({std::to_string(*out.items.back().review_by), out.items.back().id});
    return out;
  });
}

Status WikiService::RecordView(const content::Viewer& viewer, Id page) {
  if (!viewer.signed_in()) return OkStatus();
  const std::int64_t day = clock_.NowMs() / (24LL * 60 * 60 * 1000);
  // Most opens are a reader's second of the day: a read answers them without the writer.
  const bool counted = db_.Read([&](Connection& c) {
    return c.Prepare("SELECT 1 FROM wiki_page_views WHERE page_id = ?1 AND day = ?2 AND person_id = ?3", page, day, viewer.id).Next();
  });
  if (counted) return OkStatus();
  return db_.Write([&](Connection& c) -> Status {
    auto found = FindPage(c, viewer, page);
    if (!found) return found.error();
    store::AddView(c, page, viewer.id, day);
    return OkStatus();
  });
}

Result<std::pair<std::string, std::vector<Heading>>> WikiService::Preview(const content::Viewer& viewer, std::string_view key,
                                                                       const std::string& body) {
  auto text = CheckPageBody(body);
  if (!text) return text.error();
  return db_.Read([&](Connection& c) -> Result<std::pair<std::string, std::vector<Heading>>> {
    auto v = FindVisibleSpace(c, viewer, key);
    if (!v) return v.error();
    if (!v->can_edit) return Error::Forbidden("only the space's editors write its pages");
    auto rendered = Render(c, v->space, *text);
    return std::pair{ForReader(c, viewer, v->space, rendered.html), std::move(rendered.toc)};
  });
}

Result<RefPage> WikiService::Recent(const content::Viewer& viewer, std::string_view key, std::string_view cursor, int limit) {
  auto at = PositionOf(cursor, INT64_MAX, INT64_MAX);
  if (!at) return at.error();
  const std::int64_t before = at->key;
  const Id before_id = at->id;
  return db_.Read([&](Connection& c) -> Result<RefPage> {
    auto v = FindVisibleSpace(c, viewer, key);
    if (!v) return v.error();
    RefPage out;
    out.items = store::Recent(c, v->space.id, before, before_id, limit);
    if (static_cast<int>(out.items.size()) == limit)
      out.next_cursor = EncodeCursor({std::to_string(out.items.back().updated_at), out.items.back().id});
    return out;
  });
}

}  // namespace agora::wiki
