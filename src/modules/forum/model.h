// A community's forum: topics with a title and a Markdown body, replies as comments on the
// topic, sticky and locked topics, and questions whose asker or a moderator accepts an answer.
#pragma once

#include <optional>
#include <string>

#include "modules/content/model.h"
#include "modules/people/model.h"

namespace agora::forum {

struct Topic {
  content::ContentHead head;  // kind "topic", audience "community", container: the community
  Id community_id = 0;
  std::string title, body, body_html;
  bool question = false;
  bool sticky = false;
  bool locked = false;
  std::optional<Id> answer_id;
};

struct TopicView {
  Topic topic;
  people::Card author;
  bool following = false;    // the reader follows it (notices of replies)
  bool can_moderate = false; // the reader is an owner or moderator of its community
};

}  // namespace agora::forum
