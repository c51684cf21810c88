#include "modules/wiki/json.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "core/clock.h"
#include "modules/people/json.h"
#include "modules/wiki/page_cache.h"

namespace agora::wiki::json {
namespace {

boost::json::value OptionalId(const std::optional<Id>& id) { return id ? boost::json::value(IdToString(*id)) : boost::json::value(nullptr); }

}  // namespace

boost::json::object SpaceJson(const SpaceView& v) {
  const Space& s = v.space;
  return {{"id", IdToString(s.id)},
          {"handle", s.handle},
          {"name", s.name},
          {"description", s.description},
          {"kind", SpaceKindName(s.kind())},
          {"community_id", OptionalId(s.community_id)},
          {"editing", s.editing == Editing::kEditors ? "editors" : "readers"},
          {"home_page", OptionalId(s.home_page)},
          {"page_count", s.page_count},
          {"created_at", FormatRfc3339(s.created_at)},
          {"updated_at", FormatRfc3339(s.updated_at)},
          {"my_role", v.mine ? boost::json::value(RoleName(*v.mine)) : boost::json::value(nullptr)},
          {"can_edit", v.can_edit},
          {"can_manage", v.can_manage},
          {"watching", v.watching}};
}

boost::json::object RefJson(const PageRef& r) {
  return {{"id", IdToString(r.id)},       {"title", r.title},
          {"slug", r.slug},               {"parent_id", OptionalId(r.parent_id)},
          {"position", r.position},       {"updated_at", FormatRfc3339(r.updated_at)},
          {"has_children", r.has_children},
          {"view_count", r.view_count},
          {"review_by", r.review_by ? boost::json::value(FormatRfc3339(*r.review_by)) : boost::json::value(nullptr)}};
}

namespace {

// What a page's JSON holds that is the same for every reader of a revision (page_cache.h).
boost::json::object FixedMembers(const PageView& v) {
  const Page& p = v.page;
  boost::json::array toc, crumbs;
  for (const auto& h : p.toc) toc.push_back({{"level", h.level}, {"id", h.id}, {"text", h.text}});
  for (const auto& b : v.breadcrumbs) crumbs.push_back(RefJson(b));
  return {{"body", p.body},
          {"html", p.body_html},
          {"toc", std::move(toc)},
          {"breadcrumbs", std::move(crumbs)},
          {"updated_by", people::json::CardJson(v.updated_by)}};
}

// The rest: the page's row as read now, and what is the reader's own.
boost::json::object ReaderMembers(const PageView& v) {
  const Page& p = v.page;
  return {{"id", IdToString(p.head.id)},
          {"kind", "wiki_page"},
          {"space", SpaceJson(v.space)},
          {"title", p.title},
          {"slug", p.slug},
          {"parent_id", OptionalId(p.parent_id)},
          {"position", p.position},
          {"revision", p.revision},
          {"author_id", IdToString(p.head.author_id)},
          {"created_at", FormatRfc3339(p.head.created_at)},
          {"updated_at", FormatRfc3339(p.updated_at)},
          {"owner_id", OptionalId(p.owner_id)},
          {"review_by", p.review_by ? boost::json::value(FormatRfc3339(*p.review_by)) : boost::json::value(nullptr)},
          {"language", p.head.language},
          {"backlink_count", v.backlink_count},
          {"view_count", p.view_count},
          {"comment_count", p.head.comment_count},
          {"reaction_count", p.head.reaction_count},
          {"redirected_from", v.redirected_from ? boost::json::value(*v.redirected_from) : boost::json::value(nullptr)},
          {"watching", v.watching}};
}

// The whole page, built here (a view not from the page cache).
boost::json::object PageJson(const PageView& v) {
  boost::json::object o = ReaderMembers(v);
  for (auto& [k, val] : FixedMembers(v)) o[k] = std::move(val);
  return o;
}

}  // namespace

std::string PageFixedText(const PageView& v) {
  std::string s = boost::json::serialize(FixedMembers(v));
  return s.substr(1, s.size() - 2);
}

std::string PageText(const PageView& v) {
  if (!v.cached) return boost::json::serialize(PageJson(v));
  std::string s = boost::json::serialize(ReaderMembers(v));
  s.back() = ',';
  s += v.cached->members;
  s += '}';
  return s;
}

boost::json::object ChangeJson(const ChangeItem& it, const people::Card& author) {
  return {{"kind", "wiki_change"},
          {"id", IdToString(it.session)},
          {"page", RefJson(it.page)},
          {"space", {{"handle", it.space_handle}, {"name", it.space_name}}},
          {"author", people::json::CardJson(author)},
          {"from_revision", it.from_revision},
          {"to_revision", it.to_revision},
          {"saves", it.saves},
          {"summary", it.summary},
          {"started_at", FormatRfc3339(it.started_at)},
          {"updated_at", FormatRfc3339(it.updated_at)}};
}

boost::json::object RevisionJson(const Revision& r, const people::Card& author, bool with_body) {
  boost::json::object o{{"number", r.number},
                        {"author", people::json::CardJson(author)},
                        {"created_at", FormatRfc3339(r.created_at)},
                        {"summary", r.summary},
                        {"size", r.size}};
  if (with_body) o["body"] = r.body;
  return o;
}

boost::json::object DiffJson(int from, int to, const std::vector<DiffHunk>& hunks) {
  boost::json::array out;
  for (const auto& h : hunks) {
    boost::json::array lines;
    for (const auto& l : h.lines) {
      boost::json::array pieces;
      for (const auto& p : l.pieces) pieces.push_back({{"text", p.text}, {"changed", p.changed}});
      lines.push_back({{"op", l.op == '-' ? "removed" : l.op == '+' ? "added" : "same"},
                       {"old_line", l.old_line > 0 ? boost::json::value(l.old_line) : boost::json::value(nullptr)},
                       {"new_line", l.new_line > 0 ? boost::json::value(l.new_line) : boost::json::value(nullptr)},
                       {"pieces", std::move(pieces)}});
    }
    out.push_back({{"old_start", h.old_start},
                   {"old_lines", h.old_lines},
                   {"new_start", h.new_start},
                   {"new_lines", h.new_lines},
                   {"lines", std::move(lines)}});
  }
  return {{"from", from}, {"to", to}, {"hunks", std::move(out)}};
}

boost::json::object ConflictJson(const SaveOutcome& o) {
  boost::json::array passages;
  for (const auto& p : o.conflict) {
    if (p.conflict) passages.push_back({{"conflict", true}, {"theirs", p.theirs}, {"yours", p.yours}});
    else passages.push_back({{"conflict", false}, {"text", p.text}});
  }
  return {{"current_revision", o.current_revision}, {"current_body", o.current_body}, {"passages", std::move(passages)}};
}

}  // namespace agora::wiki::json
