#include "modules/content/search_terms.h"

#include "modules/content/store.h"

namespace agora::content {

std::vector<std::string> SearchTerms(agora::store::Connection& c, const ContentHead& head) {
  const std::string author = "person:" + IdToString(head.author_id);
  switch (head.audience) {
    case Audience::kPublic: return {"public"};
    case Audience::kOrganization: return {"org", author};
    case Audience::kPrivate: return {author};
    case Audience::kRestricted: {
      std::vector<std::string> terms{author};
      for (Id reader : store::Readers(c, head.id)) terms.push_back("person:" + IdToString(reader));
      return terms;
    }
    case Audience::kCommunity: {
      if (!head.container_id) return {};
      const std::string id = IdToString(*head.container_id);
      std::vector<std::string> terms{"community:" + id};
      auto q = c.Prepare("SELECT 1 FROM communities WHERE id = ?1 AND type = 'open'", *head.container_id);
      if (q.Next()) {
        terms.push_back("open");
        terms.push_back("open:" + id);
      }
      return terms;
    }
  }
  return {};
}

ReaderTerms SearchTermsOf(agora::store::Connection& c, const Viewer& viewer) {
  ReaderTerms r;
  r.held.push_back("public");
  r.broad.push_back("public");
  if (!viewer.signed_in()) return r;
  const std::string me = IdToString(viewer.id);
  r.held.push_back("self:" + me);
  if (viewer.reads_beyond_public()) r.held.push_back("person:" + me);
  if (viewer.in_organization()) {
    r.held.push_back("org");
    r.broad.push_back("org");
    r.held.push_back("open");
  }
  if (viewer.role == identity::Role::kAdmin) r.held.push_back("admin");
  if (viewer.role == identity::Role::kAlumnus) r.held.push_back("alumni");
  auto q = c.Prepare("SELECT community_id, state FROM community_members WHERE person_id = ?1", viewer.id);
  while (q.Next()) {
    const std::string id = IdToString(q.Int(0));
    const std::string_view state = q.TextView(1);
    if (state == "active") r.held.push_back("community:" + id);
    // (An active member finds the community itself by community:C: one term less each.)
    if (state == "invited" || state == "pending") r.held.push_back("knows:" + id);
    if (state == "banned") r.excluded.push_back("open:" + id);
  }
  return r;
}

}  // namespace agora::content
