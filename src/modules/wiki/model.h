// The wiki (issue 19): spaces of pages, each page a content row (kind "wiki_page") under
// the one audience rule with its space's audience, its text's every revision kept.
//
//   organization space  read by the organization (members and admins)
//   community space     a community's wiki (its Wiki tab): read as the community's content is
//   people space        named people's: its pages are `restricted` to the space's members
//
// Who edits: the space's owners and editors always; with editing "readers" (the default, as
// wikis are) anyone who may take part in its pages (content::CanTakePart) too.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "modules/content/model.h"
#include "modules/people/model.h"

namespace agora::wiki {

struct CachedPage;  // page_cache.h

enum class SpaceKind { kOrganization, kCommunity, kPeople };
std::string_view SpaceKindName(SpaceKind k);
std::optional<SpaceKind> ParseSpaceKind(std::string_view s);

// owner: everything, roles included; editor: edits, moves and deletes pages; reader: reads
// (a people space's members) and edits when the space lets its readers edit.
enum class Role { kOwner, kEditor, kReader };
std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view s);

enum class Editing { kReaders, kEditors };

struct Space {
  Id id = 0;
  std::string handle, name, description;
  std::optional<Id> community_id;
  content::Audience audience = content::Audience::kOrganization;  // organization, community or restricted
  Editing editing = Editing::kReaders;
  std::optional<Id> home_page;
  Id created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;  // its last saved page
  std::int64_t page_count = 0;
  SpaceKind kind() const {
    return community_id ? SpaceKind::kCommunity : audience == content::Audience::kRestricted ? SpaceKind::kPeople : SpaceKind::kOrganization;
  }
};

struct SpaceView {
  Space space;
  std::optional<Role> mine;
  bool can_edit = false;  // pages: write, save, restore
  bool can_manage = false;  // move and delete pages (owners, editors)
  bool watching = false;    // the viewer watches the space (read with one space, not in lists)
};

struct Heading {
  int level = 1;
  std::string id, text;
};

struct Page {
  content::ContentHead head;  // kind "wiki_page"
  Id space_id = 0;
  std::optional<Id> parent_id;
  std::int64_t position = 0;
  std::string title, slug, body, body_html;
  std::vector<Heading> toc;
  bool html_stale = false;
  int revision = 1;
  std::int64_t updated_at = 0;
  Id updated_by = 0;
  std::optional<Id> owner_id;
  std::optional<std::int64_t> review_by;
  std::int64_t view_count = 0;  // readers per day
  std::int64_t linked_from = 0;  // pages of its space that link to it
};

// A page in a tree or a list: enough to link to it.
struct PageRef {
  Id id = 0;
  std::string title, slug;
  std::optional<Id> parent_id;
  std::int64_t position = 0;
  std::int64_t updated_at = 0;
  bool has_children = false;
  std::int64_t view_count = 0;
  std::optional<std::int64_t> review_by;
};

struct PageView {
  Page page;
  SpaceView space;
  std::vector<PageRef> breadcrumbs;  // from the space's top down to its parent
  std::int64_t backlink_count = 0;   // pages the reader may read that link here
  people::Card updated_by;
  std::optional<std::string> redirected_from;  // the old name the address gave
  bool watching = false;                        // the viewer watches the page itself
  // From the page cache: body, body_html, toc, breadcrumbs and updated_by are left empty
  // and these JSON members stand for them (json.h PageText, the only way such a view is written).
  std::shared_ptr<const CachedPage> cached;
};

struct Revision {
  Id page_id = 0;
  int number = 0;
  Id author_id = 0;
  std::int64_t created_at = 0;
  std::string summary;
  std::string body;  // empty in lists
  std::int64_t size = 0;  // characters in its text (LENGTH: the same on both engines)
};

// A [[link]] whose page does not exist (in its space).
struct BrokenLink {
  PageRef from;
  std::string space_handle;  // the linked space
  std::string target;        // the name linked to (a key)
};

}  // namespace agora::wiki
