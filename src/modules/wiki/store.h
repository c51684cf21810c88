// SQL for the wiki's tables (migrations 0037): spaces and their members, pages, revisions,
// the names pages answer to, and the links between them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/wiki/model.h"
#include "store/database.h"

namespace agora::wiki::store {

using agora::store::Connection;

void InsertSpace(Connection& c, const Space& s);
std::optional<Space> LoadSpace(Connection& c, Id id);
std::optional<Space> LoadSpaceByHandle(Connection& c, std::string_view handle);
bool HandleTaken(Connection& c, std::string_view handle);
void UpdateSpace(Connection& c, const Space& s);  // name, description, editing, home page
// Every space, the most recently changed first, below (updated_at, id); a community's only
// when `community` is given.
std::vector<Space> Spaces(Connection& c, std::optional<Id> community, std::int64_t before, Id before_id, int limit);

std::optional<Role> RoleOf(Connection& c, Id space, Id person);
void SetRole(Connection& c, Id space, Id person, Role role);
void RemoveRole(Connection& c, Id space, Id person);
std::vector<std::pair<Id, Role>> Members(Connection& c, Id space);
int OwnerCount(Connection& c, Id space);
// A people space's pages are read by its members: every page of it gains or loses a reader.
void AddReaderToPages(Connection& c, Id space, Id person);
void RemoveReaderFromPages(Connection& c, Id space, Id person);

void InsertPage(Connection& c, const Page& p);
// Which of a page's texts a load reads (they are most of its bytes: a page of 100 KB is
// 200 with its HTML). Those not read are left empty.
enum class Texts { kAll, kBody, kNone };
std::optional<Page> LoadPage(Connection& c, Id id, Texts texts = Texts::kAll);
std::optional<PageRef> LoadRef(Connection& c, Id id);
// The page's ancestors, from the top of the tree down to its parent (one query).
std::vector<PageRef> Ancestors(Connection& c, Id page);
// The page a name (a title's key) leads to in a space, the current title's or an old one's.
std::optional<Id> PageNamed(Connection& c, Id space, std::string_view key);
// The page takes the name (from any page that had it as an old name).
void AddName(Connection& c, Id space, std::string_view key, Id page);
// A new text (a save or a restore): the revision's number is the page's.
void UpdateText(Connection& c, const Page& p);
void UpdateHtml(Connection& c, Id page, const std::string& html, const std::string& toc_json);
void Rename(Connection& c, Id page, const std::string& title, const std::string& slug);
void Move(Connection& c, Id page, std::optional<Id> parent, std::int64_t position);
// The children of `parent` at `position` and after it, but `except`, move down one.
void MakeRoom(Connection& c, Id space, std::optional<Id> parent, std::int64_t position, Id except);
void SetReview(Connection& c, Id page, std::optional<Id> owner, std::optional<std::int64_t> review_by);
// Before a page goes: its children become its parent's.
void LiftChildren(Connection& c, Id space, Id page, std::optional<Id> parent);
// `pages` more (or fewer) pages, and a save at `updated_at` (counted, not counted again: a
// space of 100,000 pages is not read to save one).
void Recount(Connection& c, Id space, std::int64_t pages, std::int64_t updated_at);
std::int64_t NextPosition(Connection& c, Id space, std::optional<Id> parent);

void InsertRevision(Connection& c, const Revision& r);
// Newest first, numbers below `before`, without their text (sizes instead).
std::vector<Revision> Revisions(Connection& c, Id page, int before, int limit);
std::optional<Revision> LoadRevision(Connection& c, Id page, int number);

// The links of the page's current text, replacing the ones before.
void SetLinks(Connection& c, Id page, Id from_space, const std::vector<std::pair<Id, std::string>>& targets);
// Pages that link to `key` in `space` must render again (the page came, went or moved).
void MarkLinkersStale(Connection& c, Id space, std::string_view key);
// Pages linking to the page by any of its names, that the viewer reads (a page of another
// space only when its audience lets them), in id order after `after`.
std::vector<Id> Backlinks(Connection& c, const content::Viewer& viewer, Id page, Id after, int limit);
std::int64_t BacklinkCount(Connection& c, const content::Viewer& viewer, const Page& page);
// Counts again the pages of its space that link to the page (its linked_from).
void RecountLinkers(Connection& c, Id page);
// The pages of its own space the page links to (that exist).
std::vector<Id> LinkedPages(Connection& c, Id page);
// Links from the space's pages to names no page has, in the linking page's order.
std::vector<std::pair<Id, std::pair<Id, std::string>>> BrokenLinks(Connection& c, Id space, Id after, int limit);

// Children of `parent` (nullopt: the top), in their order.
std::vector<PageRef> Children(Connection& c, Id space, std::optional<Id> parent, int limit);
// The space's pages, the most recently saved first, below (updated_at, id).
std::vector<PageRef> Recent(Connection& c, Id space, std::int64_t before, Id before_id, int limit);

// A reader opened the page: counted once per reader a day. Whether it counted.
bool AddView(Connection& c, Id page, Id person, std::int64_t day);
// The space's pages by views, the most read first, below (view_count, id).
std::vector<PageRef> MostRead(Connection& c, Id space, std::int64_t below, Id below_id, int limit);
// Pages whose review date is at or before `before`, the most overdue first, after (review_by, id).
std::vector<PageRef> DueForReview(Connection& c, Id space, std::int64_t before, std::int64_t after, Id after_id, int limit);

}  // namespace agora::wiki::store
