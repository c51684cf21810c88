// A community's forum (issue 5): topics, replies (comments on the topic's content id), sticky
// and locked topics, accepted answers, and following a topic. Topics are `community`
// content: the one audience rule decides who reads them. No HTTP types. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "core/result.h"
#include "modules/forum/model.h"
#include "modules/identity/model.h"
#include "store/database.h"

namespace agora::forum {

struct NewTopic {
  std::string title, body;
  bool question = false;
  std::string language;  // content/language.h; "" = not known
};

struct TopicChange {
  std::optional<std::string> title, body;
  std::optional<bool> sticky, locked;
  std::optional<std::optional<Id>> answer_id;  // set, or cleared with null
};

struct TopicPage {
  std::vector<TopicView> items;
  std::optional<std::string> next_cursor;
};

class ForumService {
 public:
  ForumService(agora::store::Database& db, IdGenerator& ids, const Clock& clock) : db_(db), ids_(ids), clock_(clock) {}

  // Members post topics; the author follows their topic.
  Result<TopicView> Create(const identity::Principal& who, std::string_view community, const NewTopic& in);
  // Sticky first, then newest; empty for people who may see the community but not its content.
  Result<TopicPage> List(const content::Viewer& viewer, std::string_view community, std::string_view cursor, int limit);
  Result<TopicView> Get(const content::Viewer& viewer, Id id);
  // The author changes title and body; owners and moderators `sticky` and `locked`; the
  // asker or a moderator accepts an answer (a reply on this topic) or clears it.
  Result<TopicView> Update(const identity::Principal& who, Id id, const TopicChange& change);
  Result<TopicView> SetFollowing(const identity::Principal& who, Id id, bool follow);
  // Its author, the community's owners and moderators, or an admin (audited when not the
  // author); replies and everything else about it go with it.
  Status Delete(const identity::Principal& who, Id id, const std::string& ip);

  static constexpr size_t kMaxTitle = 200;
  static constexpr size_t kMaxBody = 20'000;

 private:
  std::optional<TopicView> ViewOf(agora::store::Connection& c, const content::Viewer& viewer, Topic t);

  agora::store::Database& db_;
  IdGenerator& ids_;
  const Clock& clock_;
};

}  // namespace agora::forum
